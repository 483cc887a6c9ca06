using System.Net;

namespace ContactCenter.Media.Rtp;

/// <summary>Settings of one <see cref="RtpSession"/>.</summary>
public sealed class RtpSessionOptions
{
    /// <summary>Address the RTP/RTCP sockets bind to (default: all IPv4 interfaces).</summary>
    public IPAddress LocalAddress { get; set; } = IPAddress.Any;

    /// <summary>No RTP for this long (while media is expected) raises <see cref="RtpSession.InactivityTimeout"/>; zero or infinite turns the check off.</summary>
    public TimeSpan RtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Mean RTCP report interval before randomisation. RFC 3550 §6.2 recommends a 5 s minimum;
    /// a two-party call at 64 kbit/s never reaches the bandwidth-based interval, so this is it.
    /// </summary>
    public TimeSpan RtcpInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>SDES CNAME (RFC 3550 §6.5.1); default "contactcenter@&lt;local address&gt;".</summary>
    public string? Cname { get; set; }

    /// <summary>
    /// RTP is read by <see cref="RtpSession.DrainReceived"/> from the caller's own clock (the playout tick)
    /// instead of an async receive loop. At 50 packets/s per call the async loop's per-packet wake-ups
    /// (epoll, thread-pool hand-off) cost more than the media work itself; a tick-driven drain costs
    /// one FIONREAD per call per tick and wakes nobody. RTCP stays on its own loop (one packet per 5 s).
    /// </summary>
    public bool PolledReceive { get; set; }

    /// <summary>Attempts at binding a fresh port pair before giving up (ports held by other processes are skipped).</summary>
    public int BindAttempts { get; set; } = 20;
}
