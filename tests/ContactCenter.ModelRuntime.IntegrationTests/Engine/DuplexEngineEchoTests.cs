using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Floor;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>
/// The bot's own voice leaking back (issue 3: echo up to 64 ms late, 6–20 dB down, over line noise) must never
/// count as the caller speaking: no barge-in, no turn, every prompt played to its end.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DuplexEngineEchoTests(EngineModels models, ITestOutputHelper output)
{
    private const string Greeting = "Welcome to Contoso Energy. How can I help you today?";

    private const string Balance =
        "Your current balance is one hundred and twenty four dollars and fifty cents, due on the fifteenth of next month. " +
        "You can pay by card, by bank transfer, or at any post office.";

    [Theory]
    [MemberData(nameof(EchoPaths.All), MemberType = typeof(EchoPaths))]
    public void Echo_alone_never_barges_in_or_makes_a_turn(int delayMs, double attenuationDb)
    {
        using var harness = new EngineHarness(models, echo: new EchoPath(delayMs, attenuationDb), noiseDbfs: -60);
        harness.Speak(harness.Prompt("greeting", Greeting));
        harness.Speak(harness.Prompt("balance", Balance));
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 2, 1500), "the prompts did not finish");
        harness.Run(50); // the echo tail of the last prompt, and more than a turn's silence

        int frames = harness.Traces.Count(t => t.Echo.ReferenceDb > -55);
        int passed = harness.Traces.Count(t => t.Echo.ReferenceDb > -55 && t.Speech);
        output.WriteLine($"echo {delayMs} ms, {attenuationDb} dB: {passed} of {frames} frames over the bot taken for speech");
        Assert.Empty(harness.Clears);
        Assert.Empty(harness.Events.Of<BargeInDetected>());
        Assert.Empty(harness.Events.Of<UtteranceRecognized>());
        Assert.All(harness.Events.Of<PromptPlayed>(), played => Assert.False(played.Interrupted));

        // The echo was really there: well above the line noise, and loud enough for VAD to fire on some of it.
        int vadFired = harness.Traces.Count(t => t.Echo.ReferenceDb > -55 && t.Probability >= harness.Options.VadThreshold);
        output.WriteLine($"VAD fired on {vadFired} echo frames");
        Assert.True(harness.Traces.Count(t => t.Echo.CallerDb > -45) > 100, "the echo is not audible");
        if (attenuationDb <= 14)
        {
            Assert.True(vadFired > 0, "VAD never fired on the echo: the test proves nothing");
        }
        Assert.Equal(FloorState.Listening, harness.FloorState);
    }
}
