using System.Net;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Transport;

/// <summary>The Via rules of RFC 3261 §18.2.1 / §18.2.2 and RFC 3581 §4.</summary>
internal static class ViaRouting
{
    private const int DefaultPort = 5060;

    /// <summary>
    /// RFC 3261 §18.2.1: add received= when sent-by is a name or another address than the packet
    /// source. RFC 3581 §4: an empty rport gets the source port, and then received= is added
    /// even when the address is the same.
    /// </summary>
    public static void StampReceived(SipRequest request, IPEndPoint source)
    {
        var via = request.TopVia;
        if (via is null)
        {
            return;
        }

        var sourceAddress = Normalize(source.Address);
        var fillRport = via.HasRport && via.Rport is null;
        var sameHost = TryParseHost(via.Host, out var sentBy) && Normalize(sentBy).Equals(sourceAddress);
        if (sameHost && !fillRport)
        {
            return;
        }

        via.Received = sourceAddress.ToString();
        if (fillRport)
        {
            via.Rport = source.Port;
        }

        request.TopVia = via;
    }

    /// <summary>
    /// Where a response goes over UDP: RFC 3581 §4 — received address and rport; RFC 3261
    /// §18.2.2 — received address (or an IP sent-by) with the sent-by port, default 5060.
    /// Falls back to <paramref name="fallback"/> when the Via gives no usable address.
    /// </summary>
    public static IPEndPoint ResponseTarget(SipResponse response, IPEndPoint fallback)
    {
        var via = response.TopVia;
        if (via is null)
        {
            return fallback;
        }

        IPAddress? address = null;
        if (via.Received is { } received && IPAddress.TryParse(received, out var r))
        {
            address = r;
        }
        else if (TryParseHost(via.Host, out var host))
        {
            address = host;
        }

        if (address is null)
        {
            return fallback;
        }

        var port = via.Rport ?? via.Port ?? DefaultPort;
        return new IPEndPoint(MatchFamily(address, fallback.AddressFamily), port);
    }

    private static bool TryParseHost(string host, out IPAddress address)
    {
        var text = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(text, out address!);
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPAddress MatchFamily(IPAddress address, System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address.MapToIPv6()
            : address;
}
