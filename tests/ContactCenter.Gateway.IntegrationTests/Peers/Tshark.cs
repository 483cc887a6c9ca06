using System.Globalization;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>Captures loopback traffic with tshark and reads fields back out of the capture file.</summary>
public static class Tshark
{
    /// <summary>
    /// Starts <c>tshark -i lo -f &lt;captureFilter&gt; -w &lt;pcapPath&gt;</c> and returns once tshark says it is
    /// capturing. Keep the filter tight (e.g. <c>"udp portrange 30000-30219"</c>): loopback is shared.
    /// </summary>
    public static Task<TsharkCapture> StartCaptureAsync(
        string pcapPath,
        string captureFilter,
        string networkInterface = "lo",
        CancellationToken cancellationToken = default) =>
        TsharkCapture.StartAsync(pcapPath, captureFilter, networkInterface, cancellationToken);

    /// <summary>
    /// Reads fields (<c>-T fields -e …</c>) of the packets matching <paramref name="displayFilter"/>, one row
    /// per packet. RTP is found heuristically (no SDP needed); extra <c>-o pref:value</c> settings may be given.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> ReadFieldsAsync(
        string pcapPath,
        string displayFilter,
        IReadOnlyList<string> fields,
        IEnumerable<string>? preferences = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        PeerTools.EnsureInstalled();
        List<string> arguments = ["-r", pcapPath, "-o", "rtp.heuristic_rtp:TRUE"];
        foreach (var preference in preferences ?? [])
        {
            arguments.AddRange(["-o", preference]);
        }

        arguments.AddRange(["-Y", displayFilter, "-T", "fields"]);
        foreach (var field in fields)
        {
            arguments.AddRange(["-e", field]);
        }

        var result = await ProcessRunner.RunAsync("tshark", arguments, workingDirectory: null, TimeSpan.FromSeconds(60), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark could not read {pcapPath}\n{result}");
        }

        return [.. result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r').Split('\t'))];
    }

    /// <summary>
    /// The RFC 4733 telephone-event packets in a capture (payload type 101, tshark's default for
    /// <c>rtpevent</c>; baresip and the gateway both offer 101).
    /// </summary>
    public static async Task<IReadOnlyList<Rfc4733Event>> ReadRfc4733EventsAsync(string pcapPath, CancellationToken cancellationToken = default)
    {
        var rows = await ReadFieldsAsync(
            pcapPath,
            "rtpevent",
            ["rtpevent.event_id", "rtpevent.end_of_event", "rtp.timestamp", "rtp.ssrc"],
            cancellationToken: cancellationToken);
        return [.. rows.Select(row => new Rfc4733Event(
            int.Parse(First(row, 0), NumberStyles.Integer, CultureInfo.InvariantCulture),
            First(row, 1) is "1" or "True" or "true",
            uint.Parse(First(row, 2), NumberStyles.Integer, CultureInfo.InvariantCulture),
            ParseHex(First(row, 3))))];
    }

    // A packet that carries a field twice yields "a,b"; the first is the outermost header.
    private static string First(string[] row, int index) => index < row.Length ? row[index].Split(',')[0] : string.Empty;

    private static uint ParseHex(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : uint.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
