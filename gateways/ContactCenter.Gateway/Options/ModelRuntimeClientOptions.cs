using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Gateway.Options;

/// <summary>
/// How the gateway reaches the model runtime ("Gateway:ModelRuntime"): one HTTP/2 channel shared by every
/// call, each call one bidirectional Converse stream on it (DESIGN §1).
/// </summary>
public sealed class ModelRuntimeClientOptions
{
    public const string SectionName = "Gateway:ModelRuntime";

    /// <summary>The runtime's gRPC endpoint; http:// is HTTP/2 without TLS (h2c), which the runtime's gRPC endpoint speaks.</summary>
    [Required]
    [Url]
    public string Address { get; set; } = "http://127.0.0.1:5090";

    /// <summary>How long a call waits for the runtime to accept its stream before the fallback plays.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// HTTP/2 PING interval on an idle-looking connection (RFC 9113 §6.7): finds a runtime host that vanished
    /// without closing its sockets, so calls fall back instead of hearing silence.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A PING not answered within this time closes the connection, failing its calls' streams.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Caller frames and control held for the runtime when its stream cannot keep up; beyond it the oldest
    /// are dropped, so the gateway's playout thread never waits on the network.
    /// </summary>
    [Range(16, 100_000)]
    public int SendQueueCapacity { get; set; } = 500;
}
