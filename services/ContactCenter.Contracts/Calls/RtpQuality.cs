namespace ContactCenter.Contracts.Calls;

/// <summary>RTP figures for a call, both directions, as RFC 3550 defines them.</summary>
public sealed record RtpQuality
{
    public required long PacketsSent { get; init; }
    public required long PacketsReceived { get; init; }
    /// <summary>Packets the caller sent that never arrived (RFC 3550 A.3 cumulative loss).</summary>
    public required long PacketsLost { get; init; }
    /// <summary>Loss as a fraction of expected packets, 0..1.</summary>
    public required double LossFraction { get; init; }
    /// <summary>Interarrival jitter in milliseconds (RFC 3550 A.8).</summary>
    public required double JitterMs { get; init; }
    /// <summary>Loss the caller reported in its RTCP receiver reports about our stream, 0..1 (null when it sent none).</summary>
    public double? RemoteLossFraction { get; init; }
    public double? RemoteJitterMs { get; init; }
}
