using System.Globalization;
using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Media.Audio;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.Benchmarks.Voice;
using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Platform.IntegrationTests.Conversations;
using ContactCenter.Platform.IntegrationTests.Platform;

namespace ContactCenter.Benchmarks.Wire;

/// <summary>
/// <c>voice wire [--turns N] [--out DIR]</c>: response and barge-in stop latency at the wire. The whole platform runs
/// as the end-to-end test composes it; baresip calls it and plays a scripted caller who asks for something, lets
/// the answer start, and interrupts it 1.5 s in with the next request — so every turn after the first gives one
/// response latency and one barge-in. tshark captures the call's RTP on loopback and the figures come from the
/// packets (G.711 levels), not from the platform's own clocks; the platform's TurnCompleted figures are printed beside them.
/// </summary>
internal static class WireLatencyBench
{
    private const int FirstRtpPort = 21000;
    private const int LastRtpPort = 21999;

    private static readonly string[] Requests =
    [
        "I want to pay my bill.",
        "What is my balance?",
        "I want to report an outage.",
        "Can you check my balance?",
        "I would like to make a payment.",
        "The power is out at my house.",
    ];

    private static readonly string[] CallerVoices = ["rms", "awb", "kal"];

    public static async Task<int> RunAsync(string[] args)
    {
        var turns = int.Parse(Option(args, "--turns") ?? "60", CultureInfo.InvariantCulture);
        var outDirectory = Option(args, "--out") ?? Path.Combine(RepositoryPaths.Root, ".build", "bench");
        Directory.CreateDirectory(outDirectory);

        var script = BuildScript(turns);
        Console.WriteLine($"Scripted caller: {turns} requests, {script.Length.TotalSeconds:F0} s");

        await using var platform = await PlatformHost.StartAsync(settings => settings["Gateway:RtpPorts"] = $"{FirstRtpPort}-{LastRtpPort}");
        using var scratch = PeerScratch.Create();
        var wav = scratch.UniquePath("wire-caller", ".wav");
        WavFile.Write(wav, script.ToArray(), CallerScript.SampleRate);
        var pcap = Path.Combine(outDirectory, "voice-wire.pcap");
        await using var capture = await Tshark.StartCaptureAsync(pcap, $"udp portrange {FirstRtpPort}-{LastRtpPort}");
        await using var phone = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, wav, timeoutSeconds: (int)script.Length.TotalSeconds + 120);

        await phone.DialAsync(PlatformHost.Uri("bot"));
        await phone.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(20));
        var started = await platform.WaitForAsync<CallStarted>(_ => true, TimeSpan.FromSeconds(20));
        await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, script.Length + TimeSpan.FromSeconds(60));
        await capture.StopAsync();

        var rows = await Tshark.ReadFieldsAsync(pcap, "rtp", ["frame.time_epoch", "udp.srcport", "udp.dstport", "rtp.p_type", "rtp.payload"]);
        var wire = WireTimings.Measure(RtpLevel.Parse(rows, FirstRtpPort, LastRtpPort));
        var reported = platform.Published<TurnCompleted>().Where(t => t.CallId == started.CallId)
            .Select(t => t.ResponseLatency.TotalMilliseconds).ToList();
        var bargeIns = platform.Published<BargeInDetected>().Where(b => b.CallId == started.CallId).ToList();
        var stopReported = bargeIns.Where(b => b.OutputStoppedAt is not null)
            .Select(b => (b.OutputStoppedAt!.Value - b.OnsetAt).TotalMilliseconds).ToList();

        var report = Report(turns, wire, reported, stopReported, bargeIns);
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "voice-wire.md"), report);
        return 0;
    }

    /// <summary>Greeting, then request after request, each 1.5 s into the answer to the one before.</summary>
    private static CallerScript BuildScript(int turns)
    {
        var dialplan = DialplanLoader.Load(RepositoryPaths.SampleDialplan);
        var bot = FliteSynthesizer.Create("slt");
        var voices = CallerVoices.Select(FliteSynthesizer.Create).ToArray();
        var script = new CallerScript();
        var at = TimeSpan.FromSeconds(1.7) + bot.Synthesize(dialplan.Greeting).Duration;
        for (var turn = 0; turn < turns; turn++)
        {
            var said = script.Say(voices[turn % voices.Length], Requests[turn % Requests.Length], at);
            at = said.End + TimeSpan.FromSeconds(0.8 + 1.5);
        }

        script.PadTo(at + TimeSpan.FromSeconds(10));
        return script;
    }

    private static string Report(int turns, WireTimings wire, List<double> reported, List<double> stopReported, List<BargeInDetected> bargeIns)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Voice at the wire ({turns} scripted requests, one call, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine("| measure | n | p50 ms | p95 ms | max ms |");
        text.AppendLine("|---|---|---|---|---|");
        Row(text, "response latency, wire (caller speech end → first bot speech packet)", wire.ResponseMs);
        Row(text, "response latency, platform's TurnCompleted", reported);
        Row(text, "barge-in stop, wire (caller onset → last bot speech packet)", wire.BargeInStopMs);
        Row(text, "barge-in stop, platform's BargeInDetected (onset → queue cleared)", stopReported);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Caller turns on the wire: {wire.CallerTurns}; unanswered within 3 s: {wire.Unanswered}; barge-ins reported: "
            + $"{bargeIns.Count(b => b.Kind == BargeInKind.Interruption)} interruptions, {bargeIns.Count(b => b.Kind == BargeInKind.Backchannel)} backchannels.");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | 0 | | | |");
            return;
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {values.Count} | {Percentiles.Of([.. values], 50):F0} | {Percentiles.Of([.. values], 95):F0} | {values.Max():F0} |");
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
