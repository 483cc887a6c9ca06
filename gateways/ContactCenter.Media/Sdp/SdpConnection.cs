using System.Net;

namespace ContactCenter.Media.Sdp;

/// <summary>RFC 4566 §5.7 connection line: "c=IN IP4 192.0.2.1" (a multicast TTL suffix is dropped).</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>A unicast IPv4/IPv6 connection for <paramref name="address"/>.</summary>
    public static SdpConnection For(IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    /// <summary>The address as an <see cref="IPAddress"/>, or null when it is a host name.</summary>
    public IPAddress? IPAddress => System.Net.IPAddress.TryParse(Address, out IPAddress? ip) ? ip : null;

    /// <summary>
    /// True for "0.0.0.0" (or "::"): RFC 2543's way to put a call on hold, still sent by old
    /// equipment; RFC 3264 §8.4 says to treat it as "do not send to me".
    /// </summary>
    public bool IsNullAddress => IPAddress is { } ip && (ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any));

    /// <summary>Parses the text after "c=".</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpConnection? connection, out string? error)
    {
        connection = null;
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            error = $"c= line needs 3 fields (nettype addrtype address), got {parts.Length}: '{text}'";
            return false;
        }

        string address = parts[2];
        int slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            address = address[..slash];
        }

        connection = new SdpConnection(parts[0], parts[1], address);
        error = null;
        return true;
    }

    /// <summary>The line without "c=".</summary>
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
