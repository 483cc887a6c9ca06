using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>Caller speech over the bot through the real engine: interruptions, backchannels, prompts that must be heard.</summary>
[Collection(EngineCollection.Name)]
public sealed class DuplexEngineBargeInTests(EngineModels models, ITestOutputHelper output)
{
    private const string Balance =
        "Your current balance is one hundred and twenty four dollars and fifty cents, due on the fifteenth of next month. " +
        "You can pay by card, by bank transfer, or at any post office.";

    /// <summary>
    /// Steps after the prompt's first frame is played before the caller speaks: 3.5 s into the prompt. On a new line
    /// the echo guard learns in the bot's first 3 s whether the line echoes; until then only speech louder than the
    /// loudest possible echo barges in (EchoOptions.ConvergenceFrames).
    /// </summary>
    private const int SpeakAfter = 175;

    [Fact]
    public void Long_speech_over_a_prompt_stops_it_and_reports_what_the_caller_heard()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("balance", Balance));
        harness.Run(SpeakAfter);
        short[] interruption = TestAudio.Speak("No, stop. I want to talk to someone about my account.", "rms");
        long onset = harness.Tick + EngineHarness.OnsetFrame(interruption);
        harness.CallerSays(interruption, harness.Tick);
        Assert.True(harness.RunUntil(() => harness.Events.Of<UtteranceRecognized>().Count == 1, 500), "no utterance");

        // Paused within a few ticks of the onset (VAD windows + onset frames), and nothing sent after.
        long clear = Assert.Single(harness.TicksOf<ClearBotAudio>());
        output.WriteLine($"onset step {onset}, clear step {clear}");
        Assert.InRange(clear - onset, 0, 8);
        Assert.DoesNotContain(harness.Outputs, o => o.Output is BotFrame && o.Tick > clear);

        // What the caller heard is exactly the frames the gateway played before it dropped the rest.
        var prompt = Assert.Single(harness.Events.Of<PromptPlayed>());
        var speech = harness.Engine.Render(Balance);
        int heardSamples = harness.Played.Count * EngineHarness.FrameSamples;
        output.WriteLine($"heard \"{prompt.HeardText}\" ({harness.Played.Count} frames, {harness.Clears[0].Dropped} dropped)");
        Assert.True(prompt.Interrupted);
        Assert.True(harness.Clears[0].Dropped > 0);
        Assert.Equal(speech.HeardUpTo(heardSamples), prompt.HeardText);
        Assert.Equal(TimeSpan.FromMilliseconds(20 * harness.Played.Count), prompt.PlayedDuration);
        Assert.NotEmpty(prompt.HeardText);
        Assert.StartsWith(prompt.HeardText, Normalise(Balance), StringComparison.Ordinal);
        Assert.True(prompt.HeardText.Length < Normalise(Balance).Length);

        var bargeIn = Assert.Single(harness.Events.Of<BargeInDetected>());
        Assert.Equal(BargeInKind.Interruption, bargeIn.Kind);
        Assert.Equal("balance", bargeIn.PromptId);
        Assert.Equal(harness.Clears[0].Tick, StepOf(harness, bargeIn.OutputStoppedAt!.Value) - 1);
        Assert.True(bargeIn.OnsetAt <= bargeIn.DecidedAt && bargeIn.DecidedAt <= bargeIn.OutputStoppedAt);
        Assert.InRange(StepOf(harness, bargeIn.OnsetAt) - onset, -3, 3);

        var utterance = Assert.Single(harness.Events.Of<UtteranceRecognized>());
        output.WriteLine($"\"{utterance.Transcript}\" ({utterance.EndOfTurnReason})");
        Assert.Equal("balance", utterance.InterruptedPromptId);
        Assert.Contains("talk", utterance.Transcript, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("awb", "Yeah.")]
    [InlineData("rms", "Right.")]
    [InlineData("kal", "Sure.")]
    [InlineData("kal", "Yeah.")]
    public void A_backchannel_over_a_prompt_resumes_it_where_the_caller_stopped_hearing(string voice, string backchannel)
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("balance", Balance));
        harness.Run(SpeakAfter);
        short[] audio = TestAudio.Speak(backchannel, voice);
        Assert.True(EngineHarness.OffsetFrame(audio) - EngineHarness.OnsetFrame(audio) < harness.Options.Floor.BackchannelMaxFrames, "not short enough for a backchannel");
        harness.CallerSays(audio, harness.Tick);
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 800), "the prompt did not finish");

        // It paused, then played on: the wire carries the whole prompt once, in order, nothing lost or repeated.
        Assert.Single(harness.Clears);
        var speech = harness.Engine.Render(Balance);
        Assert.Equal(Padded(speech.Samples), harness.PlayedAudio());
        var gap = harness.Played.Zip(harness.Played.Skip(1)).Max(pair => pair.Second.Tick - pair.First.Tick);
        output.WriteLine($"paused for {gap - 1} steps, {harness.Clears[0].Dropped} frames dropped");
        Assert.True(gap > 1, "the prompt never paused on the wire");

        var prompt = Assert.Single(harness.Events.Of<PromptPlayed>());
        Assert.False(prompt.Interrupted);
        Assert.Equal(Balance, prompt.HeardText);
        var bargeIn = Assert.Single(harness.Events.Of<BargeInDetected>());
        output.WriteLine($"backchannel transcript \"{bargeIn.Transcript}\"");
        Assert.Equal(BargeInKind.Backchannel, bargeIn.Kind);
        Assert.NotNull(bargeIn.OutputStoppedAt);
        Assert.Empty(harness.Events.Of<UtteranceRecognized>());
    }

    [Fact]
    public void A_prompt_that_is_not_bargeable_plays_on_over_the_caller()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("disclosure", Balance) with { Bargeable = false });
        harness.Run(SpeakAfter);
        harness.CallerSays(TestAudio.Speak("Hold on, I want to talk to someone.", "rms"), harness.Tick);
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 800), "the prompt did not finish");

        Assert.Empty(harness.Clears);
        Assert.Equal(Padded(harness.Engine.Render(Balance).Samples), harness.PlayedAudio());
        var prompt = Assert.Single(harness.Events.Of<PromptPlayed>());
        Assert.False(prompt.Interrupted);
        Assert.Empty(harness.Events.Of<BargeInDetected>());

        // Played without a gap: one frame per step from start to end.
        Assert.Equal(harness.Played.Count - 1, harness.Played[^1].Tick - harness.Played[0].Tick);
    }

    [Fact]
    public void A_key_press_over_a_prompt_stops_it_as_a_dtmf_barge_in()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("balance", Balance));
        harness.Run(SpeakAfter);
        Assert.True(harness.Call.Input.TryWrite(new CallerDigit('1')));
        harness.Run(10);

        Assert.Single(harness.Clears);
        var prompt = Assert.Single(harness.Events.Of<PromptPlayed>());
        Assert.True(prompt.Interrupted);
        Assert.Equal(harness.Engine.Render(Balance).HeardUpTo(harness.Played.Count * EngineHarness.FrameSamples), prompt.HeardText);
        var bargeIn = Assert.Single(harness.Events.Of<BargeInDetected>());
        Assert.Equal(BargeInKind.Dtmf, bargeIn.Kind);
        Assert.DoesNotContain(harness.Outputs, o => o.Output is BotFrame && o.Tick > harness.Clears[0].Tick);
    }

    [Fact]
    public void A_recorded_human_interrupting_an_echoing_bot_is_heard()
    {
        // Real 8 kHz human speech (asterisk-core-sounds, Allison) over the bot's own echo and line noise.
        using var harness = new EngineHarness(models, echo: new EchoPath(DelayMs: 32, AttenuationDb: 10), noiseDbfs: -55);
        harness.Speak(harness.Prompt("balance", Balance));
        harness.Run(SpeakAfter);
        short[] human = TestAudio.AsteriskSound("all-circuits-busy-now");
        long onset = harness.Tick + EngineHarness.OnsetFrame(human);
        harness.CallerSays(human, harness.Tick);
        Assert.True(harness.RunUntil(() => harness.Events.Of<BargeInDetected>().Count == 1, 400), "no barge-in");

        long clear = Assert.Single(harness.TicksOf<ClearBotAudio>());
        output.WriteLine($"onset step {onset}, clear step {clear}");
        Assert.InRange(clear - onset, 0, 10);
        Assert.Equal(BargeInKind.Interruption, harness.Events.Of<BargeInDetected>()[0].Kind);
        Assert.True(Assert.Single(harness.Events.Of<PromptPlayed>()).Interrupted);
    }

    private static long StepOf(EngineHarness harness, DateTimeOffset at) => (long)((at - harness.Time.Start) / DuplexEngine.TickPeriod);

    /// <summary>The text as flite's word list spells it: words joined by single spaces, punctuation dropped.</summary>
    private static string Normalise(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', '?', '!')));

    private static short[] Padded(short[] samples)
    {
        var padded = new short[(samples.Length + EngineHarness.FrameSamples - 1) / EngineHarness.FrameSamples * EngineHarness.FrameSamples];
        samples.CopyTo(padded, 0);
        return padded;
    }
}
