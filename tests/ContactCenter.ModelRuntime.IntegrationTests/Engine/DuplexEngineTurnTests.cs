using Xunit.Abstractions;
using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>Caller turns through the real engine: what is published, what is answered, how it is timed.</summary>
[Collection(EngineCollection.Name)]
public sealed class DuplexEngineTurnTests(EngineModels models, ITestOutputHelper output)
{
    private const string Greeting = "Welcome to Contoso Energy. How can I help you today?";

    private static readonly Expectation Menu = new()
    {
        Kind = ExpectationKind.Choice,
        Phrases = ["pay my bill", "check my balance", "report an outage", "talk to an agent"],
    };

    [Fact]
    public void Caller_asking_to_pay_a_bill_is_recognised_and_answered()
    {
        using var harness = new EngineHarness(models);
        using var latencies = new HistogramRecorder(harness.MeterFactory, "contactcenter.turn.response_latency");
        harness.AnswerTurns(u => harness.Prompt("intent:pay-bill", "Sure. Let's pay your bill."), afterTicks: 3);
        harness.Speak(harness.Prompt("greeting", Greeting) with { Expect = Menu });
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 400), "the greeting did not finish");
        Assert.False(harness.Events.Of<PromptPlayed>()[0].Interrupted);

        short[] request = TestAudio.Speak("I want to pay my bill.", "rms");
        long start = harness.Tick + 10;
        harness.CallerSays(request, start);
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 2, 600), "the answer did not play");
        harness.Run(5);

        var utterance = Assert.Single(harness.Events.Of<UtteranceRecognized>());
        output.WriteLine($"\"{utterance.Transcript}\" ({utterance.EndOfTurnReason}), speech {utterance.SpeechStartedAt:HH:mm:ss.fff}-{utterance.SpeechEndedAt:HH:mm:ss.fff}, ASR {utterance.AsrFinalAt:HH:mm:ss.fff}, end of turn {utterance.OccurredAt:HH:mm:ss.fff}");
        string transcript = utterance.Transcript.ToLowerInvariant();
        Assert.Contains("pay", transcript);
        Assert.Contains("bill", transcript);
        Assert.Contains(utterance.EndOfTurnReason, new[] { "complete", "silence" });
        Assert.Null(utterance.InterruptedPromptId);

        // Times come from the frames' arrival: speech starts where the clip's speech is, and stages are in order.
        var speechAt = harness.Time.Start + (TimeSpan.FromMilliseconds(20) * (start + EngineHarness.OnsetFrame(request)));
        Assert.InRange(utterance.SpeechStartedAt, speechAt - TimeSpan.FromMilliseconds(400), speechAt + TimeSpan.FromMilliseconds(200));
        Assert.True(utterance.SpeechStartedAt < utterance.SpeechEndedAt);
        Assert.True(utterance.SpeechEndedAt <= utterance.AsrFinalAt);
        Assert.True(utterance.AsrFinalAt <= utterance.OccurredAt);

        var answer = harness.Events.Of<PromptPlayed>()[1];
        Assert.Equal("intent:pay-bill", answer.PromptId);
        Assert.False(answer.Interrupted);
        Assert.Equal(answer.Text, answer.HeardText);
        Assert.Empty(harness.Events.Of<BargeInDetected>());

        var turn = Assert.Single(harness.Events.Of<TurnCompleted>());
        output.WriteLine($"response latency {turn.ResponseLatency.TotalMilliseconds} ms (decided {turn.DecidedAt:HH:mm:ss.fff}, first audio {turn.FirstBotAudioAt:HH:mm:ss.fff})");
        Assert.Equal(utterance.TurnId, turn.TurnId);
        Assert.Equal("intent:pay-bill", turn.ResponsePromptId);
        Assert.Equal(utterance.SpeechEndedAt, turn.SpeechEndedAt);
        Assert.Equal(utterance.OccurredAt, turn.EndOfTurnAt);
        Assert.True(turn.DecidedAt >= turn.EndOfTurnAt);
        Assert.True(turn.FirstBotAudioAt > turn.DecidedAt);
        Assert.Equal(answer.StartedAt, turn.FirstBotAudioAt);

        // The answer's audio is what went on the wire after the greeting, frame for frame.
        var answerSpeech = harness.Engine.Render("Sure. Let's pay your bill.").Samples;
        var greetingFrames = Frames(harness.Engine.Render(Greeting).Samples.Length);
        Assert.Equal(Padded(answerSpeech), harness.PlayedAudio()[(greetingFrames * EngineHarness.FrameSamples)..]);

        // And the latency was measured: one value, the event's.
        Assert.Equal([turn.ResponseLatency.TotalMilliseconds], latencies.Values);
    }

    [Fact]
    public void A_slow_answer_is_covered_by_the_filler_and_timed_from_the_answer()
    {
        using var harness = new EngineHarness(models);
        int fillerAfter = harness.Options.Floor.FillerAfterFrames;
        harness.AnswerTurns(u => harness.Prompt("intent:balance", "Your balance is forty two dollars."), afterTicks: fillerAfter + 80);
        short[] question = TestAudio.Speak("What is my balance?", "awb");
        harness.CallerSays(question, 5);
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 800), "the answer did not play");

        var utterance = Assert.Single(harness.Events.Of<UtteranceRecognized>());
        var answer = Assert.Single(harness.Events.Of<PromptPlayed>());
        Assert.Equal("intent:balance", answer.PromptId);

        // The filler ("One moment.") played whole into the wait, before the answer.
        short[] filler = Padded(harness.Engine.Render(harness.Options.FillerText).Samples);
        long fillerStart = harness.Played[0].Tick;
        long decided = (long)((utterance.OccurredAt - harness.Time.Start) / DuplexEngine.TickPeriod);
        Assert.InRange(fillerStart - decided, fillerAfter - 2, fillerAfter + 3);
        Assert.Equal(filler, harness.PlayedAudio()[..filler.Length]);

        short[] answerSpeech = Padded(harness.Engine.Render("Your balance is forty two dollars.").Samples);
        Assert.Equal(answerSpeech, harness.PlayedAudio()[^answerSpeech.Length..]);

        // The turn's first bot audio is the answer's, not the filler's.
        var turn = Assert.Single(harness.Events.Of<TurnCompleted>());
        Assert.Equal(answer.StartedAt, turn.FirstBotAudioAt);
        Assert.True(turn.FirstBotAudioAt > harness.Time.Start + (DuplexEngine.TickPeriod * (fillerStart + (filler.Length / EngineHarness.FrameSamples))));
        Assert.Empty(harness.Events.Of<BargeInDetected>());
    }

    [Fact]
    public void An_answer_arriving_during_the_filler_cuts_it_short()
    {
        using var harness = new EngineHarness(models);
        int fillerAfter = harness.Options.Floor.FillerAfterFrames;
        harness.AnswerTurns(u => harness.Prompt("intent:outage", "I am sorry about the outage."), afterTicks: fillerAfter + 12);
        harness.CallerSays(TestAudio.Speak("There is a power cut on my street.", "rms"), 5);
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 800), "the answer did not play");

        short[] filler = Padded(harness.Engine.Render(harness.Options.FillerText).Samples);
        short[] answer = Padded(harness.Engine.Render("I am sorry about the outage.").Samples);
        short[] played = harness.PlayedAudio();
        Assert.True(played.Length < filler.Length + answer.Length, "the filler was not cut short");
        Assert.True(played.Length > answer.Length, "no filler played");
        Assert.Equal(filler[..(played.Length - answer.Length)], played[..^answer.Length]);
        Assert.Equal(answer, played[^answer.Length..]);
    }

    [Fact]
    public void The_bot_backchannels_in_a_pause_of_a_long_turn_when_the_prompt_allows_it()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("ask-details", "Please tell me what happened.") with { Backchannels = true });
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 300), "the prompt did not finish");
        int promptFrames = harness.Played.Count;

        // Over three seconds of speech, a half-second pause after a trailing "and", then the rest.
        short[] first = TestAudio.Speak("I moved house last month, and my bills still go to the old address, and", "rms");
        short[] second = TestAudio.Speak("I would like you to change it please.", "rms");
        long callerStart = harness.Tick + 5;
        harness.CallerSays(TestAudio.Concat(first, TestAudio.Silence(500), second), callerStart);
        Assert.True(harness.RunUntil(() => harness.Events.Of<UtteranceRecognized>().Count == 1, 800), "no utterance");

        // The bot's backchannel went out whole into the pause (and again in any later pause of a long turn), and the
        // caller's turn was not cut by it.
        short[] uhHuh = Padded(harness.Engine.Render(harness.Options.BackchannelText).Samples);
        short[] said = harness.PlayedAudio()[(promptFrames * EngineHarness.FrameSamples)..];
        Assert.True(said.Length >= uhHuh.Length, "no backchannel");
        Assert.All(said.Chunk(uhHuh.Length), copy => Assert.Equal(uhHuh[..copy.Length], copy)); // the last may still be playing
        long pauseStart = callerStart + EngineHarness.OffsetFrame(first);
        long pauseEnd = callerStart + (first.Length / EngineHarness.FrameSamples) + 25 + EngineHarness.OnsetFrame(second);
        long firstSaid = harness.Played[promptFrames].Tick;
        output.WriteLine($"pause at steps {pauseStart}-{pauseEnd}, backchannel from step {firstSaid}");
        Assert.InRange(firstSaid, pauseStart, pauseEnd);
        var utterance = Assert.Single(harness.Events.Of<UtteranceRecognized>());
        output.WriteLine($"\"{utterance.Transcript}\" ({utterance.EndOfTurnReason})");
        Assert.Contains("address", utterance.Transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("change", utterance.Transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Single(harness.Events.Of<PromptPlayed>());
        Assert.Empty(harness.Events.Of<BargeInDetected>());
    }

    [Fact]
    public void The_bot_stays_quiet_in_the_same_turn_when_the_prompt_does_not_allow_backchannels()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("ask-details", "Please tell me what happened."));
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 300), "the prompt did not finish");
        int promptFrames = harness.Played.Count;

        short[] first = TestAudio.Speak("I moved house last month, and my bills still go to the old address, and", "rms");
        short[] second = TestAudio.Speak("I would like you to change it please.", "rms");
        harness.CallerSays(TestAudio.Concat(first, TestAudio.Silence(500), second), harness.Tick + 5);
        Assert.True(harness.RunUntil(() => harness.Events.Of<UtteranceRecognized>().Count == 1, 800), "no utterance");

        Assert.Equal(promptFrames, harness.Played.Count);
    }

    [Fact]
    public void A_prompt_for_a_call_not_yet_open_waits_for_its_stream()
    {
        using var harness = new EngineHarness(models);
        var lateCall = Guid.NewGuid();
        harness.Speak(harness.Prompt("greeting", "Hello there.") with { CallId = lateCall });
        harness.Run(20);
        var call = harness.Engine.Open(new CallStartInfo(lateCall, "sip:late@example.com", "1000"));
        harness.Run(3);

        Assert.True(call.Output.TryRead(out var first));
        var frame = Assert.IsType<BotFrame>(first);
        Assert.NotEqual(0u, frame.Mark);
        Assert.Equal(harness.Engine.Render("Hello there.").Samples[..EngineHarness.FrameSamples], frame.Samples);
    }

    [Fact]
    public void A_prompt_for_a_call_that_never_opens_is_dropped_after_the_timeout()
    {
        using var harness = new EngineHarness(models);
        var lateCall = Guid.NewGuid();
        harness.Speak(harness.Prompt("greeting", "Hello there.") with { CallId = lateCall });
        int timeoutTicks = (int)(harness.Options.PendingPromptTimeout / DuplexEngine.TickPeriod);
        harness.Run(timeoutTicks + 2);
        var call = harness.Engine.Open(new CallStartInfo(lateCall, "sip:late@example.com", "1000"));
        harness.Run(5);

        Assert.False(call.Output.TryRead(out _));
    }

    [Fact]
    public void Hang_up_follows_the_played_last_frame_of_the_goodbye()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("goodbye", "Thank you for calling. Goodbye.") with { Then = PromptFollowUp.HangUp, Bargeable = false });
        Assert.True(harness.RunUntil(() => harness.TicksOf<HangUpRequest>().Count > 0, 300), "no hang-up");
        harness.Run(5);

        var hangUp = Assert.Single(harness.Outputs, o => o.Output is HangUpRequest);
        Assert.Equal(16, ((HangUpRequest)hangUp.Output).Q850Cause);
        var lastMarked = harness.Played.Last(p => p.Frame.Mark != 0);
        Assert.Equal(harness.Played[^1], lastMarked);

        // Issued on the tick that learnt the last frame was played (the gateway reported it that step), not before.
        Assert.Equal(lastMarked.Tick, hangUp.Tick);
        Assert.True(harness.Outputs.FindIndex(o => o.Output is HangUpRequest) > harness.Outputs.FindLastIndex(o => o.Output is BotFrame));
        var played = Assert.Single(harness.Events.Of<PromptPlayed>());
        Assert.False(played.Interrupted);
    }

    [Fact]
    public void Transfer_follows_the_played_prompt_with_its_target_and_context()
    {
        using var harness = new EngineHarness(models);
        var context = new Dictionary<string, string> { ["intent"] = "talk-to-agent" };
        harness.Speak(harness.Prompt("transfer", "Let me put you through to an agent.") with
        {
            Then = PromptFollowUp.TransferToAgent,
            TransferTarget = "sip:agents@pbx.example.com",
            TransferContext = context,
        });
        harness.Speak(harness.Prompt("after", "This must wait for the transfer."));
        Assert.True(harness.RunUntil(() => harness.TicksOf<TransferRequest>().Count > 0, 300), "no transfer");
        harness.Run(30);

        var transfer = Assert.IsType<TransferRequest>(Assert.Single(harness.Outputs, o => o.Output is TransferRequest).Output);
        Assert.Equal("sip:agents@pbx.example.com", transfer.Target);
        Assert.Equal("talk-to-agent", transfer.Context["intent"]);

        // Nothing is said after a transfer was asked for, unless it fails.
        short[] prompt = Padded(harness.Engine.Render("Let me put you through to an agent.").Samples);
        Assert.Equal(prompt, harness.PlayedAudio());
        harness.Call.Input.TryWrite(new TransferFailedInput("sip:agents@pbx.example.com", 486));
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 2, 300), "the queued prompt did not play after the failed transfer");
        Assert.Equal("after", harness.Events.Of<PromptPlayed>()[1].PromptId);
    }

    private static int Frames(int samples) => (samples + EngineHarness.FrameSamples - 1) / EngineHarness.FrameSamples;

    /// <summary>A prompt's samples as the engine sends them: whole frames, the last one padded with silence.</summary>
    private static short[] Padded(short[] samples)
    {
        var padded = new short[Frames(samples.Length) * EngineHarness.FrameSamples];
        samples.CopyTo(padded, 0);
        return padded;
    }
}
