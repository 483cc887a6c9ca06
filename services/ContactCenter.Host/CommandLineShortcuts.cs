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
                    expanded.Add("--urls=" + (value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value));
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
}
