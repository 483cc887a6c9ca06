namespace ContactCenter.Host;

/// <summary>
/// The short flags of `./contactcenter run` mapped onto configuration keys, so every setting can still come
/// from appsettings.json or environment variables (Gateway__Listen=…) in production.
/// </summary>
internal static class CommandLineShortcuts
{
    public static string[] Expand(string[] args)
    {
        var expanded = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sip" when value is not null:
                    expanded.Add("--Gateway:Listen=" + value);
                    i++;
                    break;
                case "--http" when value is not null:
                    expanded.Add("--Kestrel:Endpoints:Http:Url=" + WithScheme(value));
                    i++;
                    break;
                case "--grpc" when value is not null:
                    // The runtime listens there, and the in-process gateway follows it.
                    expanded.Add("--Kestrel:Endpoints:Grpc:Url=" + WithScheme(value));
                    expanded.Add("--Gateway:ModelRuntime:Address=" + WithScheme(Reachable(value)));
                    i++;
                    break;
                case "--rtp-ports" when value is not null:
                    expanded.Add("--Gateway:RtpPorts=" + value);
                    i++;
                    break;
                default:
                    expanded.Add(args[i]);
                    break;
            }
        }

        return [.. expanded];
    }

    private static string WithScheme(string address) =>
        address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;

    /// <summary>A wildcard listen address is not one a client can dial: the gateway uses loopback instead.</summary>
    internal static string Reachable(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? string.Empty : address[..(schemeEnd + 3)];
        var hostPort = address[scheme.Length..];
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            return address;
        }

        var host = hostPort[..colon] switch
        {
            "0.0.0.0" or "*" or "+" => "127.0.0.1",
            "[::]" => "[::1]",
            var other => other,
        };
        return scheme + host + hostPort[colon..];
    }
}
