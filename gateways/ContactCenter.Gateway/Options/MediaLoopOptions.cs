using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Gateway.Options;

/// <summary>
/// The built-in media loop that answers calls until the model runtime is attached:
/// it plays a greeting and records what the caller sends.
/// </summary>
public sealed class MediaLoopOptions
{
    public const string SectionName = "MediaLoop";

    /// <summary>Greeting WAV (16-bit mono PCM, 8 kHz; other rates are refused at start-up with the file named).</summary>
    [Required]
    public string GreetingWav { get; set; } = "dialplans/audio/greeting.wav";

    /// <summary>Folder for the callers' recordings (one WAV per call); empty turns recording off.</summary>
    public string? RecordingsPath { get; set; } = ".run/recordings";

    /// <summary>The key that asks for a human agent (blind transfer to Gateway:AgentQueueUri).</summary>
    public char AgentKey { get; set; } = '0';
}
