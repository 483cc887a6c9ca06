using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Dialplans;

namespace ContactCenter.Orchestrator.UnitTests.Consumers;

public sealed class SampleFlowConsumerTests
{
    private static readonly Dialplan Sample = DialplanLoader.Load(RepoFiles.SampleDialplan);

    [Fact]
    public async Task A_started_call_is_greeted_with_the_menu_expected()
    {
        await using var bus = await FlowBus.StartAsync();
        var callId = Guid.NewGuid();
        bus.Time.Advance(TimeSpan.FromMilliseconds(40));
        var decidedAt = bus.Time.GetUtcNow();

        await bus.PublishAsync(CallStarted(callId, decidedAt - TimeSpan.FromSeconds(1)));
        var prompt = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == callId);

        Assert.Equal("greeting", prompt.PromptId);
        Assert.Equal(Sample.Greeting, prompt.Text);
        Assert.Equal(decidedAt, prompt.OccurredAt);
        Assert.Equal(PromptFollowUp.Listen, prompt.Then);
        Assert.True(prompt.Bargeable);
        Assert.False(prompt.Backchannels);
        Assert.Null(prompt.InResponseTo);
        Assert.Equal(ExpectationKind.Choice, prompt.Expect.Kind);
        Assert.Contains("pay my bill", prompt.Expect.Phrases);
        Assert.Contains("goodbye", prompt.Expect.Phrases);
    }

    [Theory]
    [InlineData("I want to pay my bill.", "pay-bill", PromptFollowUp.Listen)]
    [InlineData("Um, what's my balance?", "check-balance", PromptFollowUp.Listen)]
    [InlineData("My power is out.", "report-outage", PromptFollowUp.Listen)]
    [InlineData("Can I talk to a human?", "agent", PromptFollowUp.TransferToAgent)]
    [InlineData("Goodbye!", "goodbye", PromptFollowUp.HangUp)]
    public async Task Each_intent_is_answered_with_its_text_and_follow_up(string transcript, string intent, PromptFollowUp then)
    {
        await using var bus = await FlowBus.StartAsync();
        var utterance = Utterance(bus, transcript);
        bus.Time.Advance(TimeSpan.FromMilliseconds(3)); // the decision comes after the end of turn
        var decidedAt = bus.Time.GetUtcNow();

        await bus.PublishAsync(utterance);
        var prompt = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == utterance.CallId);

        var expected = Sample.Intents.Single(candidate => candidate.Name == intent);
        Assert.Equal("intent:" + intent, prompt.PromptId);
        Assert.Equal(expected.Say, prompt.Text);
        Assert.Equal(then, prompt.Then);
        Assert.Equal(expected.Bargeable, prompt.Bargeable);
        Assert.Equal(utterance.TurnId, prompt.InResponseTo);
        Assert.Equal(decidedAt, prompt.OccurredAt);
        Assert.NotEqual(utterance.OccurredAt, prompt.OccurredAt);
        Assert.Equal(ExpectationKind.Choice, prompt.Expect.Kind);
        Assert.Contains("check my balance", prompt.Expect.Phrases);
    }

    [Theory]
    [InlineData("What's the weather like?")]
    [InlineData("Mhm.")]
    [InlineData("")]
    public async Task Anything_else_gets_the_fallback_and_the_bot_listens_again(string transcript)
    {
        await using var bus = await FlowBus.StartAsync();
        var utterance = Utterance(bus, transcript);

        await bus.PublishAsync(utterance);
        var prompt = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == utterance.CallId);

        Assert.Equal("fallback", prompt.PromptId);
        Assert.Equal(Sample.Fallback, prompt.Text);
        Assert.Equal(PromptFollowUp.Listen, prompt.Then);
        Assert.True(prompt.Bargeable);
        Assert.Equal(utterance.TurnId, prompt.InResponseTo);
        Assert.Empty(prompt.TransferContext);
    }

    [Fact]
    public async Task A_transfer_to_an_agent_carries_the_intent_and_transcript_for_the_agent()
    {
        await using var bus = await FlowBus.StartAsync();
        var utterance = Utterance(bus, "Can I talk to a human?\r\nX-Injected: yes");

        await bus.PublishAsync(utterance);
        var prompt = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == utterance.CallId);

        Assert.Equal(PromptFollowUp.TransferToAgent, prompt.Then);
        Assert.False(prompt.Bargeable);
        Assert.Null(prompt.TransferTarget);
        Assert.Equal("agent", prompt.TransferContext["Intent"]);
        Assert.Equal("Can I talk to a human? X-Injected: yes", prompt.TransferContext["Transcript"]);
        Assert.Equal(utterance.CallId.ToString(), prompt.TransferContext["Call-Id"]);
    }

    [Fact]
    public async Task Answers_that_do_not_transfer_carry_no_transfer_context()
    {
        await using var bus = await FlowBus.StartAsync();
        var utterance = Utterance(bus, "I want to pay my bill.");

        await bus.PublishAsync(utterance);
        var prompt = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == utterance.CallId);

        Assert.Null(prompt.TransferTarget);
        Assert.Empty(prompt.TransferContext);
    }

    [Fact]
    public async Task Turns_of_two_calls_are_answered_each_in_its_own_call()
    {
        await using var bus = await FlowBus.StartAsync();
        var paying = Utterance(bus, "Payment.");
        var leaving = Utterance(bus, "Bye.");

        await bus.PublishAsync(paying);
        await bus.PublishAsync(leaving);
        var first = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == paying.CallId);
        var second = await bus.WaitForAsync<SpeakPrompt>(prompt => prompt.CallId == leaving.CallId);

        Assert.Equal(("intent:pay-bill", paying.TurnId), (first.PromptId, first.InResponseTo));
        Assert.Equal(("intent:goodbye", leaving.TurnId), (second.PromptId, second.InResponseTo));
    }

    private static CallStarted CallStarted(Guid callId, DateTimeOffset at) => new()
    {
        CallId = callId,
        OccurredAt = at,
        SipCallId = "a84b4c76e66710@pc33.example.com",
        From = "sip:+15551234@trunk.example.com",
        CalledNumber = "1000",
        Source = "127.0.0.1:5062",
        Codec = "PCMU",
    };

    private static UtteranceRecognized Utterance(FlowBus bus, string transcript)
    {
        var endOfTurn = bus.Time.GetUtcNow();
        return new UtteranceRecognized
        {
            CallId = Guid.NewGuid(),
            OccurredAt = endOfTurn,
            TurnId = Guid.NewGuid(),
            Transcript = transcript,
            SpeechStartedAt = endOfTurn - TimeSpan.FromSeconds(2),
            SpeechEndedAt = endOfTurn - TimeSpan.FromMilliseconds(300),
            AsrFinalAt = endOfTurn - TimeSpan.FromMilliseconds(20),
            EndOfTurnReason = "complete",
        };
    }
}
