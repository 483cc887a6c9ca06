using System.Net;

namespace ContactCenter.Gateway.Security;

/// <summary>
/// Which network sources may talk SIP to the gateway: trunks and PBXs by address or CIDR.
/// Parsed once at start-up; an entry that does not parse stops start-up with the entry named.
/// </summary>
public sealed class SourceAccessList
{
    private readonly IPNetwork[] _networks;

    public SourceAccessList(IEnumerable<string> entries)
    {
        _networks = entries.Select(ParseEntry).ToArray();
    }

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPNetwork ParseEntry(string entry)
    {
        var text = entry.Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var single))
        {
            return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new FormatException($"Gateway:AllowedSources entry '{entry}' is neither an IP address nor a CIDR (e.g. 203.0.113.0/24).");
    }
}
