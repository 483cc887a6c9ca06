using System.Text;
using static ContactCenter.Benchmarks.Voice.Percentiles;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>The markdown of a <c>voice floor</c> run: the goals first, then each trial set broken down, then every miss.</summary>
internal static class FloorMarkdown
{
    public static string Render(FloorReport report, string command)
    {
        var text = new StringBuilder();
        var m = report.Machine;
        text.AppendLine("### Floor corpus: frames in, frames out (`voice floor`)").AppendLine();
        text.AppendLine("```sh").AppendLine(command).AppendLine("```").AppendLine();
        text.AppendLine($"Measured {m.MeasuredAt:yyyy-MM-dd HH:mm} UTC on {m.Cpu} ({m.Cores} cores), load average {m.LoadAverage} at the end, " +
            $"{m.Runtime}; {report.Seconds:0} s for {Trials(report)} trials. Replayed frame by frame (inline ASR, a manual clock), so the load " +
            "does not change the outcomes: a rerun of the same engine code gives the same figures, bar the odd ASR near-tie in a transcript.").AppendLine();

        var bc = report.Backchannels;
        // The issue's backchannel is "under ~600 ms"; longer hums are in the corpus too, and counted in the second row.
        var shortBc = bc.Where(t => t.SpeechMs <= 600).ToList();
        var ints = report.Interruptions.Where(t => t.Context == "mid-call").ToList();
        var atStart = report.Interruptions.Where(t => t.Context != "mid-call").ToList();
        var echo = report.Echoes;
        var caught = ints.Where(t => t.Caught).ToList();
        var gaps = bc.Where(t => t.Outcome == "resumed").Select(t => (double)t.BotGapMs).ToList();
        var complete = Ms(report.Turns.Where(t => t.Expected == "complete" && t.Reason == "complete"), t => t.SpeechEndToDecisionMs);
        new MarkdownTable("figure", "trials>", "result>", "goal (issue 3)")
            .Row("backchannels (≤ 600 ms) talked through (mid-call)", $"{shortBc.Count}", Percent(shortBc.Count(t => t.TalkedThrough), shortBc.Count), "≥ 90%")
            .Row("all backchannels talked through, with kal's 900 ms \"Mm hmm.\" (mid-call)", $"{bc.Count}", Percent(bc.Count(t => t.TalkedThrough), bc.Count), "—")
            .Row("real interruptions caught (mid-call)", $"{ints.Count}", Percent(caught.Count, ints.Count), "≥ 98%")
            .Row("real interruptions caught over the call's first prompt", $"{atStart.Count}", Percent(atStart.Count(t => t.Caught), atStart.Count), "—")
            .Row("interruption: speech onset → bot paused, p50 / p95", $"{caught.Count}",
                $"{Format(Of(Ms(caught, t => t.OnsetToPauseMs), 50))} / {Format(Of(Ms(caught, t => t.OnsetToPauseMs), 95))} ms", "stop ≤ 120 ms p95 at the wire")
            .Row("bot silent on the wire while a backchannel is judged, p50 / p95", $"{gaps.Count}",
                $"{Format(Of(gaps, 50))} / {Format(Of(gaps, 95))} ms", "—")
            .Row("end of turn, complete answer: speech end → decision, p50 / p95", $"{complete.Count}",
                $"{Format(Of(complete, 50))} / {Format(Of(complete, 95))} ms", "120–200 ms budget (DESIGN §2)")
            .Row("false barge-ins from echo alone (lockstep transport)", $"{echo.Count(t => !t.TransportJitter)}", $"{echo.Where(t => !t.TransportJitter).Sum(t => t.FalseBargeIns)}", "0")
            .Row("false turns from echo alone (lockstep transport)", $"{echo.Count(t => !t.TransportJitter)}", $"{echo.Where(t => !t.TransportJitter).Sum(t => t.FalseTurns)}", "0")
            .Row("false barge-ins from echo alone, transport a tick late", $"{echo.Count(t => t.TransportJitter)}", $"{echo.Where(t => t.TransportJitter).Sum(t => t.FalseBargeIns)}", "0")
            .AppendTo(text);

        Backchannels(text, bc);
        Interruptions(text, report.Interruptions);
        Echoes(text, echo);
        Turns(text, report.Turns);
        Misses(text, report);
        return text.ToString();
    }

    private static int Trials(FloorReport r) => r.Backchannels.Count + r.Interruptions.Count + r.Echoes.Count + r.Turns.Count;

    private static List<double> Ms<T>(IEnumerable<T> trials, Func<T, double?> value) =>
        [.. trials.Select(value).Where(v => v.HasValue).Select(v => v!.Value)];

    private static void Backchannels(StringBuilder text, IReadOnlyList<BackchannelTrial> trials)
    {
        var lines = trials.Select(t => t.Line).Distinct().ToArray();
        text.AppendLine($"**Backchannels** over the sample dialplan's long answers (bargeable, flite slt at -20 dBFS), the caller's speech " +
            $"onset at {string.Join(", ", trials.Select(t => t.OffsetSeconds).Distinct())} s into the prompt; talked through = the prompt played to its end " +
            "(resumed after a pause judged a backchannel, or never paused). Mid-call: the greeting played first, as in a real call.").AppendLine();
        var table = new MarkdownTable([.. new[] { "caller" }.Concat(lines.Select(l => l + ">")), "outcomes"]);
        foreach (var group in trials.GroupBy(t => (t.Text, t.Source, t.SpeechMs)))
        {
            var cells = new List<string> { $"\"{group.Key.Text}\" ({group.Key.Source}, {group.Key.SpeechMs} ms)" };
            foreach (string line in lines)
            {
                var of = group.Where(t => t.Line == line).ToList();
                cells.Add($"{of.Count(t => t.TalkedThrough)}/{of.Count}");
            }

            cells.Add(string.Join(", ", group.GroupBy(t => t.Cause is null ? t.Outcome : $"{t.Outcome} ({t.Cause})")
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
            table.Row([.. cells]);
        }

        var totals = new List<string> { "**all**" };
        foreach (string line in lines)
        {
            var of = trials.Where(t => t.Line == line).ToList();
            totals.Add($"**{Percent(of.Count(t => t.TalkedThrough), of.Count)}**");
        }

        totals.Add(string.Join(", ", trials.GroupBy(t => t.Cause is null ? t.Outcome : $"{t.Outcome} ({t.Cause})")
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        table.Row([.. totals]).AppendTo(text);

        var gaps = trials.Where(t => t.Outcome == "resumed").Select(t => (double)t.BotGapMs).ToList();
        text.AppendLine($"When a backchannel paused the prompt, the bot was silent on the wire for {Format(Of(gaps, 50))} ms at the median " +
            $"(p95 {Format(Of(gaps, 95))} ms, max {Format(gaps.DefaultIfEmpty(double.NaN).Max())} ms) before it resumed where it stopped.").AppendLine();
    }

    private static void Interruptions(StringBuilder text, IReadOnlyList<InterruptionTrial> trials)
    {
        text.AppendLine($"**Real interruptions**: {trials.Select(t => t.Text).Distinct().Count()} utterances (flite rms/awb/kal sentences and " +
            $"recorded human prompts), onset at {string.Join(", ", trials.Select(t => t.OffsetSeconds).Distinct())} s into the prompt. " +
            "Latencies are tick differences × 20 ms from the clip's first speech frame (-40 dBFS) to the tick that sent ClearBotAudio " +
            "(pause) and to the tick that yielded the floor (interruption decided: 600 ms of speech or an ASR transcript that is not a backchannel); " +
            "the engine's own OnsetAt→DecidedAt counts from its VAD onset. \"call start\": the same callers over the call's first prompt " +
            "(the greeting), before the echo guard has heard 3 s of the bot.").AppendLine();
        var table = new MarkdownTable("line", "context", "caller", "trials>", "caught>", "onset→pause p50>", "p95>", "max>", "engine onset→pause p50>", "onset→yield p50>", "p95>");
        foreach (var group in trials.GroupBy(t => (t.Line, t.Context, Kind: t.Source.StartsWith("asterisk", StringComparison.Ordinal) ? "human (asterisk)" : "flite")))
        {
            var caught = group.Where(t => t.Caught).ToList();
            var pause = Ms(caught, t => t.OnsetToPauseMs);
            var yield = Ms(caught, t => t.OnsetToYieldMs);
            table.Row(group.Key.Line, group.Key.Context, group.Key.Kind, $"{group.Count()}", Percent(caught.Count, group.Count()),
                Format(Of(pause, 50)), Format(Of(pause, 95)), Format(pause.DefaultIfEmpty(double.NaN).Max()),
                Format(Of(Ms(caught, t => t.EngineOnsetToPauseMs), 50)), Format(Of(yield, 50)), Format(Of(yield, 95)));
        }

        var midCall = trials.Where(t => t.Context == "mid-call").ToList();
        var all = midCall.Where(t => t.Caught).ToList();
        var allPause = Ms(all, t => t.OnsetToPauseMs);
        var allYield = Ms(all, t => t.OnsetToYieldMs);
        table.Row("**all**", "mid-call", "", $"{midCall.Count}", $"**{Percent(all.Count, midCall.Count)}**", $"**{Format(Of(allPause, 50))}**",
            $"**{Format(Of(allPause, 95))}**", Format(allPause.DefaultIfEmpty(double.NaN).Max()),
            Format(Of(Ms(all, t => t.EngineOnsetToPauseMs), 50)), Format(Of(allYield, 50)), Format(Of(allYield, 95)));
        table.AppendTo(text);
    }

    private static void Echoes(StringBuilder text, IReadOnlyList<EchoTrial> trials)
    {
        if (trials.Count == 0)
        {
            return;
        }

        var attenuations = trials.Select(t => t.AttenuationDb).Distinct().Order().ToArray();
        text.AppendLine($"**Echo only**: the greeting (the call's first bot speech: canceller unconverged), then one of " +
            $"{trials.Select(t => t.Prompt).Distinct().Count()} answers, with nothing on the caller's line but their own echo and white noise at " +
            $"{trials[0].NoiseDbfs} dBFS; each cell is false barge-ins / false turns over those calls. \"Transport jitter\": the answer's frames " +
            "crossed the engine→gateway transport one tick later than the greeting's (the gateway played them 20 ms later than the engine counted on).").AppendLine();
        foreach (var jitter in trials.GroupBy(t => t.TransportJitter))
        {
            var table = new MarkdownTable([.. new[] { jitter.Key ? "echo delay (transport jitter)" : "echo delay" }.Concat(attenuations.Select(a => $"{a} dB down>"))]);
            foreach (var delay in jitter.GroupBy(t => t.DelayMs))
            {
                var cells = new List<string> { $"{delay.Key} ms" };
                foreach (double attenuation in attenuations)
                {
                    var of = delay.Where(t => t.AttenuationDb == attenuation).ToList();
                    cells.Add($"{of.Sum(t => t.FalseBargeIns)} / {of.Sum(t => t.FalseTurns)}");
                }

                table.Row([.. cells]);
            }

            table.AppendTo(text);
        }

        text.AppendLine($"Prompts played whole (no gap on the wire): {trials.Count(t => t.PlayedWhole)}/{trials.Count}.").AppendLine();
    }

    private static void Turns(StringBuilder text, IReadOnlyList<TurnTrial> trials)
    {
        if (trials.Count == 0)
        {
            return;
        }

        text.AppendLine("**End of turn**: callers answering a menu question (the sample dialplan's phrases) or a four-digit PIN prompt, " +
            "300 ms after it ended; delay = the answer's last speech frame to the end-of-turn decision (tick difference × 20 ms). " +
            "\"split\" counts answers the engine cut in two (a turn ended before the caller had finished); \"none\": no turn was published at all. " +
            $"Lines: {string.Join(", ", trials.Select(t => t.Line).Distinct())}.").AppendLine();
        var table = new MarkdownTable("answer is", "decided as", "trials>", "speech end → decision p50>", "p95>", "min>", "max>", "engine (VAD end) p50>", "split>");
        foreach (var group in trials.GroupBy(t => (t.Expected, t.Reason)).OrderBy(g => g.Key.Expected, StringComparer.Ordinal).ThenByDescending(g => g.Count()))
        {
            var delays = Ms(group, t => t.SpeechEndToDecisionMs);
            table.Row(group.Key.Expected, group.Key.Reason, $"{group.Count()}",
                Format(Of(delays, 50)), Format(Of(delays, 95)), Format(delays.DefaultIfEmpty(double.NaN).Min()), Format(delays.DefaultIfEmpty(double.NaN).Max()),
                Format(Of(Ms(group, t => t.EngineSpeechEndToDecisionMs), 50)), $"{group.Count(t => t.Turns > 1)}");
        }

        table.AppendTo(text);
    }

    private static void Misses(StringBuilder text, FloorReport report)
    {
        var lines = new List<string>();
        lines.AddRange(report.Backchannels.Where(t => !t.TalkedThrough).Select(t =>
            $"- backchannel \"{t.Text}\" ({t.Source}, {t.Line}, {t.Context}, {t.OffsetSeconds} s into {t.Prompt}): {t.Outcome}, {t.Cause}, heard as \"{t.Transcript}\""));
        lines.AddRange(report.Interruptions.Where(t => !t.Caught).Select(t =>
            $"- interruption \"{t.Text}\" ({t.Source}, {t.Line}, {t.Context}, {t.OffsetSeconds} s into {t.Prompt}): {t.Outcome}, heard as \"{t.Transcript}\""));
        lines.AddRange(report.Echoes.Where(t => t.FalseBargeIns > 0 || t.FalseTurns > 0).Select(t =>
            $"- echo {t.DelayMs} ms {t.AttenuationDb} dB{(t.TransportJitter ? " (transport jitter)" : "")} under {t.Prompt}: {t.FalseBargeIns} barge-ins, {t.FalseTurns} turns (\"{t.FalseTranscript}\")"));
        lines.AddRange(report.Turns.Where(t => t.Turns != 1 || (t.Expected != "unknown" && !ReasonFits(t))).Select(t =>
            $"- answer \"{t.Text}\" ({t.Source}, {t.Line}, {t.Expectation}): {t.Turns} turn(s), {t.Reason}, \"{t.Transcript}\""));
        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine($"Trials that missed ({lines.Count}):").AppendLine();
        foreach (string line in lines)
        {
            text.AppendLine(line);
        }

        text.AppendLine();
    }

    private static bool ReasonFits(TurnTrial t) => t.Expected switch
    {
        "complete" => t.Reason == "complete",
        "incomplete" => t.Reason == "incomplete-timeout",
        _ => true,
    };
}
