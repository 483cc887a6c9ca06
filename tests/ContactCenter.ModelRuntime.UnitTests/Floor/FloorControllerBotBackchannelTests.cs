using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Floor;

namespace ContactCenter.ModelRuntime.UnitTests.Floor;

/// <summary>The bot's own "mhm" in a long caller turn: only when the prompt enabled it, in a pause, when the caller is not done.</summary>
public sealed class FloorControllerBotBackchannelTests
{
    private const string Unfinished = "and then I went over to the";

    [Fact]
    public void A_long_turn_pausing_mid_thought_gets_a_backchannel_in_the_pause()
    {
        var script = LongTurn(backchannels: true, speechFrames: 160);
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Transcript(request.RequestId, Unfinished);

        Assert.Empty(script.Feed('.', 6));
        Assert.IsType<SayBackchannel>(Assert.Single(script.Feed(".")));
        Assert.Equal(159 + 8, script.Now);
        Assert.Empty(script.Feed('.', 4));
        Assert.Equal(FloorState.CallerSpeaking, script.State);
    }

    [Fact]
    public void Backchannels_are_spaced_by_the_minimum_interval()
    {
        var script = LongTurn(backchannels: true, speechFrames: 160);
        script.Transcript(FloorScript.SingleRequest(script.Feed(".")).RequestId, Unfinished);
        script.Feed('.', 11);

        // A pause soon after: too close to the last "mhm".
        script.Feed('S', 20);
        script.Transcript(FloorScript.SingleRequest(script.Feed(".")).RequestId, "and um");
        Assert.Empty(script.Feed('.', 11));

        // A pause after another long stretch: due again.
        script.Feed('S', 200);
        script.Transcript(FloorScript.SingleRequest(script.Feed(".")).RequestId, "so the thing is");
        var actions = script.Feed('.', 11);

        Assert.Equal(2, script.Log.Count(entry => entry.Action is SayBackchannel));
        Assert.IsType<SayBackchannel>(Assert.Single(actions));
    }

    [Fact]
    public void No_backchannel_unless_the_prompt_enabled_them()
    {
        var script = LongTurn(backchannels: false, speechFrames: 160);
        script.Transcript(FloorScript.SingleRequest(script.Feed(".")).RequestId, Unfinished);

        script.FeedUntilAction('.', 100);

        Assert.DoesNotContain(script.Log, entry => entry.Action is SayBackchannel);
        Assert.Equal(EndOfTurnReason.IncompleteTimeout, Assert.IsType<EndTurn>(script.Log[^1].Action).Turn.Reason);
    }

    [Fact]
    public void No_backchannel_in_a_short_turn()
    {
        var script = LongTurn(backchannels: true, speechFrames: 100);
        script.Transcript(FloorScript.SingleRequest(script.Feed(".")).RequestId, Unfinished);

        script.FeedUntilAction('.', 100);

        Assert.IsType<EndTurn>(Assert.Single(script.Log, entry => entry.Action is not RequestAsr).Action);
    }

    [Fact]
    public void No_backchannel_after_a_complete_answer()
    {
        var menu = new Expectation { Kind = ExpectationKind.Choice, Phrases = ["pay my bill"] };
        var script = LongTurn(backchannels: true, speechFrames: 160, menu);
        script.Transcript(FloorScript.SingleRequest(script.Feed(".")).RequestId, "so long story short I need to pay my bill");

        Assert.Equal(159 + 7, script.FeedUntilAction('.', 100));

        Assert.IsType<EndTurn>(script.Log[^1].Action);
        Assert.DoesNotContain(script.Log, entry => entry.Action is SayBackchannel);
    }

    [Fact]
    public void No_backchannel_when_the_transcript_comes_after_the_pause_window()
    {
        var script = LongTurn(backchannels: true, speechFrames: 160);
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Feed('.', 12);
        script.Transcript(request.RequestId, Unfinished);

        script.FeedUntilAction('.', 100);

        Assert.DoesNotContain(script.Log, entry => entry.Action is SayBackchannel);
    }

    private static FloorScript LongTurn(bool backchannels, int speechFrames, Expectation? expect = null)
    {
        var script = new FloorScript();
        script.Prompt(expect: expect, backchannels: backchannels);
        script.PromptFinished();
        script.Feed('S', speechFrames);
        return script;
    }
}
