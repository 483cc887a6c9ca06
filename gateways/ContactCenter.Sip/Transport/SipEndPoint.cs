using System.Net;

namespace ContactCenter.Sip.Transport;

/// <summary>A transport address: protocol plus IP end point (the real peer, not what its Via claims).</summary>
public sealed record SipEndPoint(SipProtocol Protocol, IPEndPoint EndPoint)
{
    /// <summary>TCP is reliable; RFC 3261 §17 zeroes timers D, I, J, K and skips retransmissions on it.</summary>
    public bool IsReliable => Protocol != SipProtocol.Udp;

    public override string ToString() => $"{Protocol.ToString().ToUpperInvariant()}:{EndPoint}";
}
