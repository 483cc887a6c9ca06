using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Gateway.Options;

/// <summary>The gateway's configuration section "Gateway". Every address binds to loopback unless configured.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>SIP listen address for UDP and TCP, "ip:port".</summary>
    [Required]
    public string Listen { get; set; } = "127.0.0.1:5060";

    /// <summary>Address put in Contact and SDP c= lines when it differs from the listen address (NAT, 0.0.0.0 binds).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Source addresses or CIDRs allowed to send SIP (trunks, PBXs, SBCs). Everything else gets 403. Default: loopback only.</summary>
    public List<string> AllowedSources { get; set; } = [];

    /// <summary>
    /// Numbers (Request-URI users) the platform answers; anything else gets 404. "*" answers every number,
    /// which suits a dedicated trunk; list DIDs when the trunk carries numbers that are not ours.
    /// </summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>INVITEs allowed per second from one source address (token bucket refill rate).</summary>
    [Range(1, 100_000)]
    public int InvitesPerSecondPerSource { get; set; } = 50;

    /// <summary>Burst of INVITEs one source may send above its rate.</summary>
    [Range(1, 100_000)]
    public int InviteBurstPerSource { get; set; } = 200;

    /// <summary>Calls up at once; beyond it new INVITEs get 503 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentCalls { get; set; } = 2000;

    /// <summary>RTP port range "first-last" (even ports for RTP, odd for RTCP); must lie outside the kernel's ephemeral range.</summary>
    [Required]
    public string RtpPorts { get; set; } = "20000-29999";

    /// <summary>Hang up when no RTP arrives for this long, except while the call is on hold.</summary>
    public TimeSpan RtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Session-Expires we propose when the caller supports timers (RFC 4028 §4).</summary>
    public TimeSpan SessionExpires { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Smallest session interval we accept (RFC 4028 Min-SE, at least 90 s).</summary>
    public TimeSpan MinSessionExpires { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Time between 180 Ringing and 200 OK. Zero answers at once.</summary>
    public TimeSpan RingTime { get; set; } = TimeSpan.Zero;

    /// <summary>Where calls go when the bot hands over to a human and no target was named (e.g. sip:agents@pbx.example.com).</summary>
    public string? AgentQueueUri { get; set; }

    /// <summary>
    /// Also embed the transfer context in the Refer-To URI (RFC 3515 §2.1), so the transferee copies it into its
    /// INVITE to the agent. Off by default: many phones (baresip among them) refuse a Refer-To with headers.
    /// </summary>
    public bool ContextInReferTo { get; set; }

    /// <summary>What answers the calls' audio: the model runtime over gRPC, or the built-in media loop.</summary>
    public CallAudioEngineKind Engine { get; set; } = CallAudioEngineKind.MediaLoop;

    /// <summary>
    /// Played to the caller when the engine fails (it cannot be reached, or its stream breaks mid-call),
    /// before the caller is transferred to <see cref="AgentQueueUri"/>. 8 kHz 16-bit mono WAV.
    /// </summary>
    public string FallbackWav { get; set; } = "dialplans/audio/fallback.wav";

    /// <summary>Give up on a transfer when the transferee's final NOTIFY has not come by then.</summary>
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Codecs offered, in preference order; G722 is offered only where libspandsp is installed. Default: PCMU, PCMA, G722.</summary>
    public List<string> Codecs { get; set; } = [];

    /// <summary>
    /// Fills lists the configuration left empty. List defaults cannot live in initialisers: the configuration
    /// binder appends to a list instead of replacing it, so a configured allow-list would keep the defaults.
    /// </summary>
    public void ApplyListDefaults()
    {
        if (AllowedSources.Count == 0)
        {
            AllowedSources.AddRange(["127.0.0.0/8", "::1/128"]);
        }

        if (Numbers.Count == 0)
        {
            Numbers.Add("*");
        }

        if (Codecs.Count == 0)
        {
            Codecs.AddRange(["PCMU", "PCMA", "G722"]);
        }
    }
}
