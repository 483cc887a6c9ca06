using System.Net;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Transport;

/// <summary>Settings of <see cref="SipTransportLayer"/>.</summary>
public sealed class SipTransportOptions
{
    /// <summary>Address for both the UDP socket and the TCP listener; port 0 picks a free one.</summary>
    public IPEndPoint Listen { get; set; } = new(IPAddress.Any, 5060);

    /// <summary>Largest message accepted on either transport; bigger UDP datagrams are dropped.</summary>
    public int MaxMessageBytes { get; set; } = SipLimits.MaxMessageBytes;

    /// <summary>TCP connections with no traffic for this long are closed.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an outbound TCP connect may take before the send fails.</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
