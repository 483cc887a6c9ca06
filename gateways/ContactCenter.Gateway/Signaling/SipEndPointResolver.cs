using System.Net;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Gateway.Signaling;

/// <summary>
/// Where a SIP URI's requests go (RFC 3263 reduced to what trunks and PBXs use here): an IP literal or an
/// A/AAAA name, the URI's port or 5060, UDP unless the URI says transport=tcp. No NAPTR/SRV lookups.
/// </summary>
public static class SipEndPointResolver
{
    public static async Task<SipEndPoint> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default)
    {
        var protocol = uri.Transport == "tcp" ? SipProtocol.Tcp : SipProtocol.Udp;
        var host = uri.Host.Trim('[', ']');
        var address = IPAddress.TryParse(host, out var literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(host, cancellationToken)).FirstOrDefault()
              ?? throw new InvalidOperationException($"'{host}' has no address");
        return new SipEndPoint(protocol, new IPEndPoint(address, uri.Port ?? 5060));
    }
}
