using System.Text;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// Runs SIPp (binary <c>sipp</c> from Debian <c>sip-tester</c>) in the scratch <c>sipp/</c> folder,
/// where <c>uac_rr.xml</c> and the <c>pcap</c> link for <c>-sn uac_pcap</c> are. Adds
/// <c>-nostdin</c> and <c>-trace_stat -stf &lt;file&gt;</c> so every run yields its call counters.
/// </summary>
public sealed class Sipp(PeerScratch scratch)
{
    /// <summary>
    /// Runs <c>sipp &lt;args&gt;</c>, e.g. <c>"-sn uac_pcap -i 127.0.0.1 -mi 127.0.0.1 -p 5071 -s agent -m 1 -timeout 30 -timeout_error 127.0.0.1:5066"</c>.
    /// Arguments split on spaces; double quotes group.
    /// </summary>
    public async Task<SippResult> RunAsync(string args, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        PeerTools.EnsureInstalled();
        var arguments = Split(args);
        if (!arguments.Contains("-nostdin"))
        {
            arguments.Add("-nostdin");
        }

        var statisticsPath = scratch.UniquePath("sipp-stat", ".csv");
        if (!arguments.Contains("-trace_stat"))
        {
            arguments.AddRange(["-trace_stat", "-stf", statisticsPath]);
        }
        else
        {
            var stf = arguments.IndexOf("-stf");
            if (stf >= 0 && stf + 1 < arguments.Count)
            {
                statisticsPath = Path.GetFullPath(arguments[stf + 1], scratch.SippDirectory);
            }
        }

        var process = await ProcessRunner.RunAsync("sipp", arguments, scratch.SippDirectory, timeout, cancellationToken);
        SippStatistics? statistics = null;
        if (File.Exists(statisticsPath))
        {
            try
            {
                statistics = SippStatistics.Parse(await File.ReadAllTextAsync(statisticsPath, cancellationToken));
            }
            catch (FormatException)
            {
                // No data row: SIPp stopped before its first dump; SippResult reports that on use.
            }
        }

        return new SippResult(process, statistics, statisticsPath);
    }

    internal static List<string> Split(string args)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in args)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    result.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (quoted)
        {
            throw new ArgumentException("unbalanced double quote in SIPp arguments", nameof(args));
        }

        if (any)
        {
            result.Add(current.ToString());
        }

        return result;
    }
}
