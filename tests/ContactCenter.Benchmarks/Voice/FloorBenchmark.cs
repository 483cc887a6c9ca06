using System.Diagnostics;
using System.Diagnostics.Metrics;
using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Telemetry;
using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Orchestrator.Intents;
using ContactCenter.Platform.IntegrationTests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// <c>voice floor</c>: a corpus of frames-in/frames-out trials on the real engine (Silero, Moonshine, flite, the echo
/// guard; inline ASR and a manual clock, so every run gives the same figures). One call per trial, on a fresh engine:
/// backchannels and real interruptions over the sample dialplan's long answers, the bot's own echo with no caller, and
/// callers' answers timed to the end-of-turn decision. Figures are what issue 3's goals ask: backchannels talked
/// through (≥ 90%), interruptions caught (≥ 98%) and how fast, false barge-ins from echo (0), end-of-turn delay.
/// </summary>
internal sealed class FloorBenchmark : IDisposable
{
    /// <summary>White noise on the "noise" line, about a quiet telephone line's floor (the caller speaks at -26 dBFS).</summary>
    public const double LowNoiseDbfs = -50;

    /// <summary>The noise under the echo trials and the echo line.</summary>
    public const double EchoNoiseDbfs = -55;

    private static readonly double[] BackchannelOffsets = [1.0, 2.2, 3.4, 4.6];
    private static readonly double[] InterruptionOffsets = [1.2, 2.8, 4.4];
    private static readonly int[] EchoDelaysMs = [0, 16, 32, 48, 64];
    private static readonly double[] EchoAttenuationsDb = [6, 10, 14, 20];

    private static readonly string[] BackchannelWords = ["Yeah.", "Right.", "Okay.", "Got it."];

    private static readonly string[] InterruptionSentences =
    [
        "Actually, what is my balance?",
        "No, I want to report an outage.",
        "Can I talk to a human?",
        "Stop, that's wrong.",
        "Wait, I need to pay my bill.",
        "Hold on, my power is out.",
        "No, I said my balance.",
        "Sorry, can you repeat that?",
        // Short ones, under a backchannel's length: only their words can tell them from "mhm".
        "No.",
        "Stop.",
        "Wait.",
        "Agent.",
        "What?",
    ];

    /// <summary>Recorded human sentences (asterisk-core-sounds, Allison) used as a caller cutting in.</summary>
    private static readonly string[] HumanInterruptions =
    [
        "one-moment-please", "vm-pls-try-again", "number-not-answering", "all-circuits-busy-now", "sorry-youre-having-problems",
        "please-try-call-later", "check-number-dial-again", "pls-hold-while-try", "vm-reachoper", "info-about-last-call",
        "cannot-complete-as-dialed", "vm-theperson",
    ];

    private static readonly Expectation PinDigits = new() { Kind = ExpectationKind.Digits, DigitCount = 4 };

    private readonly VoiceModels _models;
    private readonly TextWriter _log;
    private readonly ServiceProvider _metrics;
    private readonly RuntimeTelemetry _telemetry;
    private readonly short[] _noise;
    private readonly Expectation _menu;
    private readonly (string Id, string Text)[] _answers;
    private readonly string _greeting;
    private readonly string? _traceFilter;

    /// <summary>Loads the noise and the sample dialplan; trials whose caller text contains <paramref name="traceFilter"/> are traced frame by frame to <paramref name="log"/>.</summary>
    public FloorBenchmark(VoiceModels models, TextWriter log, string? traceFilter = null)
    {
        _traceFilter = traceFilter;
        _models = models;
        _log = log;
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _telemetry = new RuntimeTelemetry(_metrics.GetRequiredService<IMeterFactory>());

        // sox white noise at full scale (deterministic with -R), scaled per line condition.
        _noise = TestAudio.Noise(30_000, "whitenoise", 1.0);
        var dialplan = DialplanLoader.Load(RepositoryPaths.SampleDialplan);
        _menu = new IntentMatcher(dialplan).Expectation;
        _greeting = dialplan.Greeting;
        _answers = [.. dialplan.Intents
            .Where(intent => intent.Bargeable && intent.Then == PromptFollowUp.Listen)
            .Select(intent => ("intent:" + intent.Name, intent.Say))];
    }

    /// <summary>The caller's lines of the backchannel and interruption trials.</summary>
    public static IReadOnlyList<LineCondition> CallerLines { get; } =
    [
        LineCondition.Clean,
        new("noise", 0, null, LowNoiseDbfs),
        new("echo+noise", 32, 10, EchoNoiseDbfs),
    ];

    public FloorReport Run(bool quick)
    {
        var total = Stopwatch.StartNew();
        var lines = quick ? CallerLines.Take(1).ToArray() : [.. CallerLines];

        var backchannelClips = BackchannelClips().ToList();
        var backchannels = new List<BackchannelTrial>();
        foreach (var line in lines)
        {
            foreach (var clip in quick ? backchannelClips.Take(3) : backchannelClips)
            {
                foreach (double offset in quick ? BackchannelOffsets.Take(1) : BackchannelOffsets)
                {
                    backchannels.Add(Backchannel(clip, line, _answers[backchannels.Count % _answers.Length], offset, midCall: true));
                }
            }
        }

        _log.WriteLine($"backchannels: {backchannels.Count(t => t.TalkedThrough)}/{backchannels.Count} talked through ({total.Elapsed.TotalSeconds:0} s)");

        var interruptionClips = InterruptionClips().ToList();
        var interruptions = new List<InterruptionTrial>();
        foreach (var line in lines)
        {
            foreach (var clip in quick ? interruptionClips.Where((_, i) => i % 12 == 0) : interruptionClips)
            {
                foreach (double offset in quick ? InterruptionOffsets.Take(1) : InterruptionOffsets)
                {
                    interruptions.Add(Interruption(clip, line, _answers[interruptions.Count % _answers.Length], offset, midCall: true));
                }
            }
        }

        // The same callers cutting into the call's very first prompt: the echo guard has not heard the bot yet and
        // takes anything no louder than the loudest possible echo for echo (EchoOptions.ConvergenceFrames).
        foreach (var clip in quick ? interruptionClips.Take(1) : interruptionClips.Where((_, i) => i % 3 == 0))
        {
            foreach (double offset in quick ? InterruptionOffsets.Take(1) : InterruptionOffsets)
            {
                interruptions.Add(Interruption(clip, LineCondition.Clean, ("greeting", _greeting), offset, midCall: false));
            }
        }

        _log.WriteLine($"interruptions: {interruptions.Count(t => t.Caught)}/{interruptions.Count} caught ({total.Elapsed.TotalSeconds:0} s)");

        var echoes = new List<EchoTrial>();
        foreach (bool jitter in new[] { false, true })
        {
            foreach (var prompt in quick ? _answers.Take(1) : _answers)
            {
                foreach (int delay in EchoDelaysMs)
                {
                    foreach (double attenuation in quick ? EchoAttenuationsDb.Take(1) : EchoAttenuationsDb)
                    {
                        echoes.Add(Echo(prompt, delay, attenuation, jitter));
                    }
                }
            }
        }

        _log.WriteLine($"echo only: {echoes.Sum(t => t.FalseBargeIns)} false barge-ins, {echoes.Sum(t => t.FalseTurns)} false turns in {echoes.Count} trials ({total.Elapsed.TotalSeconds:0} s)");

        var turns = new List<TurnTrial>();
        var answers = TurnAnswers().ToList();
        foreach (var line in quick ? lines : [LineCondition.Clean, new("noise", 0, null, LowNoiseDbfs)])
        {
            foreach (var answer in quick ? answers.Where((_, i) => i % 6 == 0) : answers)
            {
                turns.Add(Turn(answer.Clip, line, answer.Expect, answer.ExpectName, answer.Expected));
            }
        }

        _log.WriteLine($"end of turn: {turns.Count} answers ({total.Elapsed.TotalSeconds:0} s)");
        return new FloorReport(MachineInfo.Describe(), total.Elapsed.TotalSeconds, backchannels, interruptions, echoes, turns);
    }

    public void Dispose()
    {
        _telemetry.Dispose();
        _metrics.Dispose();
    }

    private static IEnumerable<CallerClip> BackchannelClips()
    {
        foreach (string word in BackchannelWords)
        {
            foreach (string voice in CallerCorpus.CallerVoices)
            {
                yield return CallerCorpus.Flite(word, voice);
            }
        }

        // kal's hums: Moonshine hears them as "M. M. H. M. M." and "Uh-huh.".
        yield return CallerCorpus.Flite("Mm hmm.", "kal");
        yield return CallerCorpus.Flite("Uh-huh.", "kal");
    }

    private static IEnumerable<CallerClip> InterruptionClips()
    {
        foreach (string sentence in InterruptionSentences)
        {
            foreach (string voice in CallerCorpus.CallerVoices)
            {
                yield return CallerCorpus.Flite(sentence, voice);
            }
        }

        foreach (string name in HumanInterruptions)
        {
            yield return CallerCorpus.Asterisk(name, name);
        }
    }

    /// <summary>Answers to a menu or a four-digit PIN prompt, by what the end-of-turn prediction should make of them.</summary>
    private IEnumerable<(CallerClip Clip, Expectation Expect, string ExpectName, string Expected)> TurnAnswers()
    {
        (string Text, Expectation Expect, string ExpectName, string Expected)[] texts =
        [
            ("I want to pay my bill.", _menu, "menu", "complete"),
            ("What's my balance?", _menu, "menu", "complete"),
            ("I want to report an outage.", _menu, "menu", "complete"),
            ("One two three four.", PinDigits, "4 digits", "complete"),
            ("Five, nine, zero, seven.", PinDigits, "4 digits", "complete"),
            ("My neighbour says the lines are down on our street.", _menu, "menu", "unknown"),
            ("I have a question about a letter you sent me.", _menu, "menu", "unknown"),
            ("Um, I want to...", _menu, "menu", "incomplete"),
            ("I want to pay my bill and", _menu, "menu", "incomplete"),
            ("One two three", PinDigits, "4 digits", "incomplete"),
        ];
        foreach (var (text, expect, name, expected) in texts)
        {
            foreach (string voice in CallerCorpus.CallerVoices)
            {
                yield return (CallerCorpus.Flite(text, voice), expect, name, expected);
            }
        }

        yield return (CallerCorpus.AsteriskDigits("1234"), PinDigits, "4 digits", "complete");
        yield return (CallerCorpus.AsteriskDigits("5907"), PinDigits, "4 digits", "complete");
        yield return (CallerCorpus.AsteriskDigits("123"), PinDigits, "4 digits", "incomplete");
    }

    private BackchannelTrial Backchannel(CallerClip clip, LineCondition line, (string Id, string Text) prompt, double offsetSeconds, bool midCall)
    {
        using var rig = new TickRig(_models, _telemetry, line, _noise, Trace(clip.Text));
        long speakAt = StartPromptAndPlace(rig, prompt, clip, offsetSeconds, midCall);
        int promptFrames = rig.Engine.Render(prompt.Text).Samples.Length / TickRig.FrameSamples;
        rig.RunUntil(() => Played(rig, prompt.Id) is not null, promptFrames + 600);

        var bargeIns = rig.Events.Of<BargeInDetected>();
        var played = Played(rig, prompt.Id);
        bool talkedThrough = played is { Interrupted: false };
        string outcome = bargeIns.Any(b => b.Kind == BargeInKind.Interruption) ? "interrupted"
            : !talkedThrough ? "stuck"
            : bargeIns.Any(b => b.Kind == BargeInKind.Backchannel) ? "resumed"
            : rig.Clears.Count == 0 ? "not heard" : "paused, no report";
        string? transcript = bargeIns.FirstOrDefault()?.Transcript ?? rig.Events.Of<UtteranceRecognized>().FirstOrDefault()?.Transcript;
        string? cause = talkedThrough ? null
            : bargeIns.FirstOrDefault(b => b.Kind == BargeInKind.Interruption) is { Transcript: null } ? "too long"
            : Repeats(transcript) ? "ASR repeated itself"
            : "not a backchannel word";
        int gap = rig.PlayedTicks.Zip(rig.PlayedTicks.Skip(1)).Where(pair => pair.First >= speakAt)
            .Select(pair => (int)(pair.Second - pair.First - 1)).DefaultIfEmpty(0).Max();
        var trial = new BackchannelTrial(clip.Text, clip.Source, clip.SpeechFrames * 20, line.Name, Context(midCall), prompt.Id, offsetSeconds, outcome,
            talkedThrough, transcript, cause, gap * 20);
        if (!talkedThrough)
        {
            _log.WriteLine($"  backchannel not talked through: {clip.Label} on {line} at {offsetSeconds} s into {prompt.Id}: {outcome} ({cause}), \"{transcript}\"");
        }

        return trial;
    }

    private InterruptionTrial Interruption(CallerClip clip, LineCondition line, (string Id, string Text) prompt, double offsetSeconds, bool midCall)
    {
        using var rig = new TickRig(_models, _telemetry, line, _noise, Trace(clip.Text));
        long speakAt = StartPromptAndPlace(rig, prompt, clip, offsetSeconds, midCall);
        long onset = speakAt + clip.OnsetFrame;
        long speechEnd = speakAt + clip.OffsetFrame;
        int incomplete = rig.Options.Floor.IncompleteSilenceFrames;
        rig.RunUntil(
            () => rig.Events.Of<UtteranceRecognized>().Count > 0
                || (Played(rig, prompt.Id) is not null && rig.Tick > speechEnd + 20),
            (int)(speechEnd - rig.Tick) + incomplete + 200);

        var bargeIns = rig.Events.Of<BargeInDetected>();
        var interruption = bargeIns.FirstOrDefault(b => b.Kind == BargeInKind.Interruption);
        string outcome = interruption is not null ? "caught"
            : bargeIns.Any(b => b.Kind == BargeInKind.Backchannel) ? "resumed"
            : rig.Clears.Count == 0 ? "not heard" : "paused, no report";
        double? pause = rig.Clears.Count > 0 ? (rig.Clears[0].Tick - onset) * 20.0 : null;
        double? yield = interruption is null ? null : (rig.Clock.TickOf(interruption.OccurredAt) - onset) * 20.0;
        double? engine = bargeIns.FirstOrDefault() is { } first ? (first.DecidedAt - first.OnsetAt).TotalMilliseconds : null;
        string? transcript = rig.Events.Of<UtteranceRecognized>().FirstOrDefault()?.Transcript ?? bargeIns.FirstOrDefault()?.Transcript;
        string? heard = Played(rig, prompt.Id)?.HeardText;
        var trial = new InterruptionTrial(clip.Text, clip.Source, line.Name, Context(midCall), prompt.Id, offsetSeconds, outcome, interruption is not null,
            pause, yield, engine, transcript, heard);
        if (!trial.Caught)
        {
            _log.WriteLine($"  interruption not caught: {clip.Label} on {line} ({Context(midCall)}) at {offsetSeconds} s into {prompt.Id}: {outcome}, \"{transcript}\"");
        }

        return trial;
    }

    private EchoTrial Echo((string Id, string Text) prompt, int delayMs, double attenuationDb, bool jitter)
    {
        var line = new LineCondition($"echo {delayMs} ms {attenuationDb} dB{(jitter ? " jitter" : "")}", delayMs, attenuationDb, EchoNoiseDbfs, jitter);
        using var rig = new TickRig(_models, _telemetry, line, _noise, Trace(line.Name));
        PlayGreeting(rig);
        long answerFrom = rig.Tick;
        rig.Engine.Speak(rig.Prompt(prompt.Id, prompt.Text, _menu));
        int promptFrames = rig.Engine.Render(prompt.Text).Samples.Length / TickRig.FrameSamples;
        rig.RunUntil(() => Played(rig, prompt.Id) is not null, promptFrames + 400);

        // The echo's tail and the silence after it: a false turn would start here.
        rig.Run(50);
        var played = Played(rig, prompt.Id);
        var answerTicks = rig.PlayedTicks.Where(t => t >= answerFrom).ToList();
        bool whole = played is { Interrupted: false } && Played(rig, "greeting") is { Interrupted: false } && answerTicks.Count > 0
            && answerTicks[^1] - answerTicks[0] == answerTicks.Count - 1;
        int falseBargeIns = Math.Max(rig.Clears.Count, rig.Events.Of<BargeInDetected>().Count);
        var turns = rig.Events.Of<UtteranceRecognized>();
        string? transcript = turns.FirstOrDefault()?.Transcript ?? rig.Events.Of<BargeInDetected>().FirstOrDefault()?.Transcript;
        var trial = new EchoTrial("greeting + " + prompt.Id, delayMs, attenuationDb, EchoNoiseDbfs, jitter, falseBargeIns, turns.Count, whole, transcript);
        if (falseBargeIns > 0 || turns.Count > 0 || !whole)
        {
            _log.WriteLine($"  {line} under {prompt.Id}: {falseBargeIns} barge-ins, {turns.Count} turns, whole {whole}, \"{transcript}\"");
        }

        return trial;
    }

    private TurnTrial Turn(CallerClip clip, LineCondition line, Expectation expect, string expectName, string expected)
    {
        using var rig = new TickRig(_models, _telemetry, line, _noise, Trace(clip.Text));
        string question = expect.Kind == ExpectationKind.Digits ? "Please say your four digit PIN." : "How can I help?";
        rig.Engine.Speak(rig.Prompt("question", question, expect));
        rig.RunUntil(() => rig.Events.Of<PromptPlayed>().Count > 0, 400);

        // The caller answers 300 ms after the question ended; the run goes on past the longest end-of-turn wait,
        // so an answer cut in two shows as two turns.
        long speakAt = rig.Tick + 15;
        rig.CallerSays(clip.Audio, speakAt);
        long speechEnd = speakAt + clip.OffsetFrame;
        int wait = rig.Options.Floor.IncompleteSilenceFrames;
        rig.RunUntil(
            () => rig.Tick > speechEnd + wait + 30 && rig.Events.Of<UtteranceRecognized>().Count > 0,
            (int)(speechEnd - rig.Tick) + wait + 300);

        var turns = rig.Events.Of<UtteranceRecognized>();
        var first = turns.FirstOrDefault();
        double? delay = first is null ? null : (rig.Clock.TickOf(first.OccurredAt) - speechEnd) * 20.0;
        double? engineDelay = first is null ? null : (first.OccurredAt - first.SpeechEndedAt).TotalMilliseconds;
        string transcript = string.Join(" | ", turns.Select(t => t.Transcript));
        var trial = new TurnTrial(clip.Text, clip.Source, line.Name, expectName, expected, first?.EndOfTurnReason ?? "none",
            delay, engineDelay, turns.Count, transcript);
        if (turns.Count != 1)
        {
            _log.WriteLine($"  answer {clip.Label} on {line}: {turns.Count} turns: \"{transcript}\"");
        }

        return trial;
    }

    /// <summary>The call's greeting, played to its end with the caller silent, then 300 ms of quiet: where a call is when the caller first speaks.</summary>
    private void PlayGreeting(TickRig rig)
    {
        rig.Engine.Speak(rig.Prompt("greeting", _greeting, _menu));
        if (!rig.RunUntil(() => Played(rig, "greeting") is not null, 1000))
        {
            throw new InvalidOperationException("The greeting never finished.");
        }

        rig.Run(15);
    }

    /// <summary>The log when the trial's caller text matches the trace filter; the trial's header is written first.</summary>
    private TextWriter? Trace(string text)
    {
        if (_traceFilter is null || !text.Contains(_traceFilter, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        _log.WriteLine($"trace of a trial with \"{text}\":");
        return _log;
    }

    /// <summary>A word said twice or more ("got it, got it, got it").</summary>
    private static bool Repeats(string? transcript)
    {
        var words = (transcript ?? "").ToLowerInvariant()
            .Split([' ', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > words.Distinct(StringComparer.Ordinal).Count();
    }

    private static PromptPlayed? Played(TickRig rig, string promptId) =>
        rig.Events.Of<PromptPlayed>().FirstOrDefault(p => p.PromptId == promptId);

    private static string Context(bool midCall) => midCall ? "mid-call" : "call start";

    /// <summary>
    /// Starts the prompt (after the greeting when <paramref name="midCall"/>) and returns the tick at which the caller's clip starts so that its speech onset falls
    /// <paramref name="offsetSeconds"/> after the prompt's first frame went out on the wire; the clip is placed there.
    /// </summary>
    private long StartPromptAndPlace(TickRig rig, (string Id, string Text) prompt, CallerClip clip, double offsetSeconds, bool midCall)
    {
        if (midCall)
        {
            PlayGreeting(rig);
        }

        int before = rig.PlayedTicks.Count;
        rig.Engine.Speak(rig.Prompt(prompt.Id, prompt.Text, _menu));
        if (!rig.RunUntil(() => rig.PlayedTicks.Count > before, 50))
        {
            throw new InvalidOperationException($"The prompt {prompt.Id} never started.");
        }

        long onsetAt = rig.PlayedTicks[before] + (long)Math.Round(offsetSeconds * 50);
        long speakAt = Math.Max(rig.Tick, onsetAt - clip.OnsetFrame);
        rig.Run((int)(speakAt - rig.Tick));
        rig.CallerSays(clip.Audio, speakAt);
        return speakAt;
    }
}
