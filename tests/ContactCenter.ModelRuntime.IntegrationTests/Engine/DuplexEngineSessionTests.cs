using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>Call sessions in the engine: how they end, and that one call's failure is only that call's.</summary>
[Collection(EngineCollection.Name)]
public sealed class DuplexEngineSessionTests(EngineModels models)
{
    [Fact]
    public async Task A_call_that_fails_ends_alone_and_the_others_play_on()
    {
        using var harness = new EngineHarness(models);
        var broken = harness.Engine.Open(new CallStartInfo(Guid.NewGuid(), "sip:broken@example.com", "1000"));
        harness.Speak(harness.Prompt("greeting", "Welcome to Contoso Energy. How can I help you today?"));
        harness.Run(10);

        // 10 samples is no 20 ms frame: the transport is broken for that call.
        Assert.True(broken.Input.TryWrite(new CallerFrame(new short[10])));
        harness.Run(2);

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => broken.Output.Completion);
        Assert.Contains("160 samples", failure.Message);
        Assert.True(harness.RunUntil(() => harness.Events.Of<PromptPlayed>().Count == 1, 400), "the healthy call's prompt did not finish");
        Assert.False(harness.Events.Of<PromptPlayed>()[0].Interrupted);
        Assert.False(harness.Call.Output.Completion.IsCompleted);
        Assert.Equal(1, harness.Telemetry.ActiveCalls);
    }

    [Fact]
    public async Task The_caller_hanging_up_ends_the_session_cleanly()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("greeting", "Welcome to Contoso Energy. How can I help you today?"));
        harness.Run(20);
        Assert.Equal(1, harness.Telemetry.ActiveCalls);

        harness.CallerLeaves();
        harness.Run(1);

        await harness.Call.Output.Completion; // completes without an error
        Assert.Null(harness.FloorState);
        Assert.Equal(0, harness.Telemetry.ActiveCalls);
        Assert.Empty(harness.Events.Of<PromptPlayed>());
    }

    [Fact]
    public async Task Completing_the_input_ends_the_session_like_a_hang_up()
    {
        using var harness = new EngineHarness(models);
        harness.Run(5);
        var other = harness.Engine.Open(new CallStartInfo(Guid.NewGuid(), "sip:other@example.com", "1000"));
        harness.Run(1);
        Assert.Equal(2, harness.Telemetry.ActiveCalls);

        other.Input.Complete();
        harness.Run(1);

        await other.Output.Completion;
        Assert.Equal(1, harness.Telemetry.ActiveCalls);
    }

    [Fact]
    public async Task Stopping_the_engine_fails_open_calls_so_their_gateways_fall_back()
    {
        using var harness = new EngineHarness(models);
        harness.Speak(harness.Prompt("greeting", "Welcome to Contoso Energy."));
        harness.Run(5);

        await harness.Engine.StopAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Call.Output.Completion);
        Assert.Equal(0, harness.Telemetry.ActiveCalls);
    }

    [Fact]
    public async Task Opening_a_call_again_replaces_its_old_stream()
    {
        using var harness = new EngineHarness(models);
        harness.Run(3);
        var reopened = harness.Engine.Open(new CallStartInfo(harness.CallId, "sip:+15551234567@trunk.example.com", "1000"));
        harness.Run(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Call.Output.Completion);
        harness.Speak(harness.Prompt("greeting", "Hello again."));
        harness.Run(2);
        Assert.True(reopened.Output.TryRead(out var first));
        Assert.IsType<BotFrame>(first);
    }
}
