using System.Text;
using static ContactCenter.Benchmarks.Voice.Percentiles;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>The markdown of a <c>voice capacity</c> ramp: one row per step, then what each simulated call did.</summary>
internal static class CapacityMarkdown
{
    public static string Render(CapacityReport report, string command)
    {
        var text = new StringBuilder();
        var m = report.Machine;
        text.AppendLine("### Capacity: concurrent calls in real time (`voice capacity`)").AppendLine();
        text.AppendLine("```sh").AppendLine(command).AppendLine("```").AppendLine();
        text.AppendLine($"Measured {m.MeasuredAt:yyyy-MM-dd HH:mm} UTC on {m.Cpu} ({m.Cores} cores), {m.Runtime}; engine tick " +
            $"{(report.TickRealtime ? "SCHED_FIFO" : "normal priority")}, one intra-op thread per model, CPU execution provider. " +
            $"Callers' line: {report.Line}; the simulated gateway steps {report.GatewayPhaseMs:0} ms after each engine tick. A step passes with no tick overrun and speech end → ASR final p95 under {report.AsrP95LimitMs:0} ms.").AppendLine();
        text.AppendLine($"**Largest number of calls that passed: {report.LargestPassing}.**").AppendLine();

        var table = new MarkdownTable("calls>", "tick p50>", "tick p99>", "tick max>", "overruns>", "ASR final p50>", "ASR final p95>",
            "ASR run p50>", "ASR batch>", "end of turn p50>", "response p50>", "CPU (cores)>", "tick thread>", "ASR thread>", "load avg", "verdict");
        foreach (var s in report.Steps)
        {
            table.Row($"{s.Calls}", Format(s.TickMs.P50, "0.00"), Format(s.TickMs.P99, "0.00"), Format(s.TickMs.Max, "0.0"), $"{s.TickOverruns}",
                Format(s.AsrFinalMs.P50), Format(s.AsrFinalMs.P95), Format(s.AsrRunMs.P50), Format(s.AsrBatchMean, "0.0"),
                Format(s.EndOfTurnMs.P50), Format(s.ResponseMs.P50), Format(s.ProcessCores, "0.00"), Format(s.TickThreadCores, "0.00"),
                Format(s.AsrThreadCores, "0.00"), s.LoadAverageAfter, s.Verdict);
        }

        table.AppendTo(text);
        text.AppendLine("Tick figures in ms (work per 20 ms tick over all calls); ASR final = caller speech end → transcript applied " +
            "(engine's contactcenter.turn.asr_final_delay); ASR run = one batched Moonshine run; response = speech end → answer's first " +
            "frame played by the simulated gateway (the fake flow answers at once).").AppendLine();

        var activity = new MarkdownTable("calls>", "seconds>", "caller requests>", "caller backchannels>", "caller interruptions>",
            "engine backchannels>", "engine interruptions>", "false barge-ins>", "into bot speech (ms)", "fillers>", "call faults>", "calls replaced>", "engine warnings");
        foreach (var s in report.Steps)
        {
            activity.Row($"{s.Calls}", Format(s.MeasuredSeconds), $"{s.CallerRequests}", $"{s.CallerBackchannels}", $"{s.CallerInterruptions}",
                $"{s.Backchannels}", $"{s.Interruptions}", $"{s.FalseBargeIns}", FalseAt(s.FalseBargeInsIntoBotSpeechMs), $"{s.Fillers}", $"{s.CallFaults}", $"{s.CallsReplaced}",
                s.EngineWarnings.Count == 0 ? "none" : string.Join("; ", s.EngineWarnings.Select(w => $"{w.Value}× {w.Key}")));
        }

        activity.AppendTo(text);
        text.AppendLine("A false barge-in is a ClearBotAudio with no caller speech in the 500 ms before it (the line's echo or noise " +
            "paused the bot); \"into bot speech\" is how long the bot had been talking (since its audio last started after a silence) when it came.").AppendLine();
        return text.ToString();
    }

    private static string FalseAt(IReadOnlyList<long> ms)
    {
        if (ms.Count == 0)
        {
            return "";
        }

        var values = ms.Select(v => (double)v).ToList();
        return ms.Count <= 6 ? string.Join(", ", ms) : $"median {Format(Of(values, 50))}, {ms.Count(v => v < 1000)} in the first second";
    }
}
