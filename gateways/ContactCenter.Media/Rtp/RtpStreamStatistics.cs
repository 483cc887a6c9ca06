namespace ContactCenter.Media.Rtp;

/// <summary>A snapshot of one call's RTP stream statistics (for the CDR and metrics).</summary>
public sealed record RtpStreamStatistics
{
    /// <summary>Codec in use ("PCMU", "PCMA", "G722"), or null before media started.</summary>
    public string? Codec { get; init; }

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP payload octets sent.</summary>
    public long OctetsSent { get; init; }

    /// <summary>RTP packets received from the peer (every accepted packet, including probation).</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP payload octets received.</summary>
    public long OctetsReceived { get; init; }

    /// <summary>RFC 3550 A.3 cumulative packets lost (can be negative with duplicates).</summary>
    public long PacketsLost { get; init; }

    /// <summary>RFC 3550 A.3 fraction lost over the last reporting interval (0..1).</summary>
    public double FractionLost { get; init; }

    /// <summary>RFC 3550 A.8 interarrival jitter of the received stream, in ms.</summary>
    public double JitterMs { get; init; }

    /// <summary>Fraction lost that the peer reported about our stream (its last RR/SR), 0..1.</summary>
    public double? RemoteFractionLost { get; init; }

    /// <summary>Jitter the peer reported about our stream, in ms.</summary>
    public double? RemoteJitterMs { get; init; }

    /// <summary>Round-trip time from the peer's last report (RFC 3550 §6.4.1 LSR/DLSR), in ms.</summary>
    public double? RoundTripMs { get; init; }

    /// <summary>Packets dropped because they came from another address than the latched one or with a foreign payload type.</summary>
    public long PacketsRejected { get; init; }

    /// <summary>Frames the jitter buffer concealed (lost or late packets).</summary>
    public long ConcealedFrames { get; init; }

    /// <summary>Packets the jitter buffer dropped as too late to play.</summary>
    public long LatePackets { get; init; }

    /// <summary>Packets the jitter buffer dropped as duplicates.</summary>
    public long DuplicatePackets { get; init; }

    /// <summary>The jitter buffer's current target delay in ms.</summary>
    public int JitterBufferDelayMs { get; init; }

    /// <summary>RFC 4733 digits received.</summary>
    public long DtmfDigitsReceived { get; init; }
}
