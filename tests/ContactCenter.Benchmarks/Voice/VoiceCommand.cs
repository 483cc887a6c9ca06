using System.Globalization;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// <c>voice floor</c> and <c>voice capacity</c>: the full-duplex engine's benchmarks (issue 3), on the real models.
/// Not BenchmarkDotNet: each verb is one long measured run that writes a JSON report (every trial or step) and a
/// markdown summary for docs/benchmarks.md into <c>--out</c> (default artifacts/voice-bench).
/// </summary>
internal static class VoiceCommand
{
    private const string Usage = """
        usage: voice floor [--quick] [--trace TEXT] [--out DIR]
               voice capacity [--calls 5,10,20,...] [--duration SECONDS] [--asr-p95-limit MS] [--no-echo] [--phase MS] [--out DIR]
               voice wire [--turns N] [--out DIR]

          floor      frames-in/frames-out corpus on the real engine (inline ASR, manual clock): backchannels and
                     interruptions over prompts, echo alone, end-of-turn delay. --quick runs a few trials of each;
                     --trace prints, frame by frame, the trials whose caller text contains TEXT.
          capacity   the real-time engine (tick thread + ASR thread) with N simulated calls per step, ramping N until
                     a tick overruns or speech end -> ASR final p95 reaches the limit (default 300 ms).
                     --calls lists the steps (default 5,10,20,30,40,50,60,80,100,120,160,200),
                     --duration the seconds measured per step (default 40); the callers' line carries the bot's
                     echo (32 ms, 14 dB down) and noise (-55 dBFS) unless --no-echo; --phase sets how long after
                     each engine tick the simulated gateway steps (default 10 ms, half a period).
          wire       the whole platform called by baresip with a scripted caller (N requests, default 60, each cutting
                     into the answer to the one before), RTP captured by tshark: response and barge-in stop latency
                     at the wire.
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "wire")
        {
            return Wire.WireLatencyBench.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        var options = ParseOptions(args[1..]);
        if (options is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        string output = options.GetValueOrDefault("out") ?? Path.Combine("artifacts", "voice-bench");
        string command = "dotnet run -c Release --project tests/ContactCenter.Benchmarks -- voice " + string.Join(' ', args);
        switch (args[0])
        {
            case "floor":
                return Floor(options.ContainsKey("quick"), options.GetValueOrDefault("trace"), output, command);
            case "capacity":
                var calls = options.TryGetValue("calls", out var list) && list is not null
                    ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()
                    : CapacityBenchmark.DefaultSteps;
                double duration = options.TryGetValue("duration", out var seconds) && seconds is not null
                    ? double.Parse(seconds, CultureInfo.InvariantCulture) : 40;
                double limit = options.TryGetValue("asr-p95-limit", out var ms) && ms is not null
                    ? double.Parse(ms, CultureInfo.InvariantCulture) : 300;
                var line = options.ContainsKey("no-echo") ? CapacityBenchmark.NoiseLine : CapacityBenchmark.EchoLine;
                double phase = options.TryGetValue("phase", out var phaseMs) && phaseMs is not null
                    ? double.Parse(phaseMs, CultureInfo.InvariantCulture) : 10;
                return Capacity(calls, TimeSpan.FromSeconds(duration), limit, line, TimeSpan.FromMilliseconds(phase), output, command);
            default:
                Console.Error.WriteLine($"unknown voice benchmark '{args[0]}'");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int Floor(bool quick, string? trace, string output, string command)
    {
        Console.WriteLine($"voice floor: loading models (load average {MachineInfo.LoadAverageNow()})");
        using var models = VoiceModels.Load();
        using var bench = new FloorBenchmark(models, Console.Out, trace);
        var report = bench.Run(quick);
        string markdown = FloorMarkdown.Render(report, command);
        var (json, md) = ReportFiles.Write(output, quick ? "floor-quick" : "floor", report, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"wrote {json} and {md}");
        return 0;
    }

    private static int Capacity(int[] calls, TimeSpan duration, double asrLimitMs, LineCondition line, TimeSpan phase, string output, string command)
    {
        Console.WriteLine($"voice capacity: loading models (load average {MachineInfo.LoadAverageNow()})");
        using var models = VoiceModels.Load();
        var bench = new CapacityBenchmark(models, Console.Out);
        var report = bench.Run(calls, duration, asrLimitMs, line, phase);
        string markdown = CapacityMarkdown.Render(report, command);
        var (json, md) = ReportFiles.Write(output, "capacity", report, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"wrote {json} and {md}");
        return 0;
    }

    /// <summary>"--name value" pairs and bare "--flag"s; null on anything else.</summary>
    private static Dictionary<string, string?>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            string name = args[i][2..];
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }

        return options;
    }
}
