using System.Net;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media;

/// <summary>Settings for each call's media (bind address, timeouts, buffer sizes).</summary>
public sealed class CallMediaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Media";

    /// <summary>Address the RTP/RTCP sockets bind to.</summary>
    public IPAddress LocalAddress { get; set; } = IPAddress.Any;

    /// <summary>No RTP for this long while media is expected raises <see cref="CallMediaSession.InactivityTimeout"/>.</summary>
    public TimeSpan RtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Mean RTCP report interval (RFC 3550 §6.2).</summary>
    public TimeSpan RtcpInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Send silence-encoded frames when no bot audio is queued (default). A continuous stream
    /// keeps the far end's jitter buffer primed (no re-buffering glitch when the bot starts
    /// speaking), keeps NAT bindings and our latched address alive, and keeps the peer's own RTP
    /// timeout from hanging up a caller who is listening in silence. Costs 50 packets/s per call
    /// whether or not the bot speaks.
    /// </summary>
    public bool SendSilenceWhenIdle { get; set; } = true;

    /// <summary>Decoded caller frames held for a slow reader before the oldest are dropped (50 = 1 s).</summary>
    public int ReceivedQueueCapacity { get; set; } = 50;

    /// <summary>Smallest jitter-buffer target delay.</summary>
    public int JitterBufferMinDelayMs { get; set; } = 20;

    /// <summary>Largest jitter-buffer target delay.</summary>
    public int JitterBufferMaxDelayMs { get; set; } = 200;

    /// <summary>Codec factory (default: <see cref="CodecFactory.Default"/>).</summary>
    public IAudioCodecFactory? CodecFactory { get; set; }

    /// <summary>SDES CNAME; default derived from the local address.</summary>
    public string? Cname { get; set; }

    internal RtpSessionOptions ToRtpSessionOptions() => new()
    {
        LocalAddress = LocalAddress,
        RtpTimeout = RtpTimeout,
        RtcpInterval = RtcpInterval,
        Cname = Cname,
        PolledReceive = true, // this session's playout tick drains the socket
    };
}
