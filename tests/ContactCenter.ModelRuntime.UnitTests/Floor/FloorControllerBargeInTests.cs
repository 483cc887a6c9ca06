using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Floor;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.UnitTests.Floor;

/// <summary>Caller speech and keys over the bot: pause, backchannel resume, interruption, not-bargeable prompts.</summary>
public sealed class FloorControllerBargeInTests
{
    [Fact]
    public void Speech_over_a_bargeable_prompt_pauses_it_on_the_third_frame_at_the_onset()
    {
        var script = new FloorScript();
        script.Prompt();

        Assert.Empty(script.Feed("....SS"));
        var pause = Assert.IsType<PauseBot>(Assert.Single(script.Feed("S")));

        Assert.Equal(4, pause.OnsetTick);
        Assert.Equal(6, script.Now);
        Assert.Equal(FloorState.BotPaused, script.State);
    }

    [Fact]
    public void A_backchannel_resumes_the_prompt()
    {
        var script = PausedAt40(speechFrames: 10);

        Assert.Empty(script.Feed(".."));
        var request = FloorScript.SingleRequest(script.Feed("."));
        Assert.Equal(new RequestAsr(request.RequestId, 25, 49, AsrPurpose.Backchannel), request);

        var resume = Assert.IsType<ResumeBot>(Assert.Single(script.Transcript(request.RequestId, "Mm-hmm.")));
        Assert.Equal("Mm-hmm.", resume.Transcript);
        Assert.Equal(FloorState.BotSpeaking, script.State);

        // Still listening over the resumed prompt.
        Assert.IsType<PauseBot>(Assert.Single(script.Feed("..SSS")));
    }

    [Theory]
    [InlineData(0.40, 0.45, true)]
    [InlineData(0.60, 0.31, true)]
    [InlineData(0.60, 0.29, false)]
    [InlineData(0.80, 0.10, false)]
    public void A_word_that_scores_nearly_as_well_as_a_backchannel_spelling_resumes_the_prompt(
        double confidence, double backchannelConfidence, bool resumes)
    {
        var script = PausedAt40(speechFrames: 10);
        var request = FloorScript.SingleRequest(script.Feed("..."));
        var heard = new Recognition("You have.", confidence) { BackchannelConfidence = backchannelConfidence };

        var action = Assert.Single(script.Transcript(request.RequestId, heard));

        Assert.Equal(resumes, action is ResumeBot);
        Assert.Equal(resumes ? FloorState.BotSpeaking : FloorState.CallerSpeaking, script.State);
        if (!resumes)
        {
            Assert.Equal(new YieldFloor(40, "You have.", ByDtmf: false), action);
        }
    }

    [Fact]
    public void Nothing_heard_in_the_speech_over_the_bot_resumes_the_prompt()
    {
        var script = PausedAt40(speechFrames: 5);
        var request = FloorScript.SingleRequest(script.Feed("..."));

        Assert.Equal(new ResumeBot(""), Assert.Single(script.Transcript(request.RequestId, " ")));
        Assert.Equal(FloorState.BotSpeaking, script.State);
    }

    [Fact]
    public void Speech_longer_than_a_backchannel_yields_the_floor_and_becomes_an_interrupting_turn()
    {
        var script = PausedAt40(speechFrames: 30);
        Assert.Equal(FloorState.BotPaused, script.State);

        var yield = Assert.IsType<YieldFloor>(Assert.Single(script.Feed("S")));
        Assert.Equal(new YieldFloor(40, null, false), yield);
        Assert.Equal(70, script.Now);
        Assert.Equal(FloorState.CallerSpeaking, script.State);

        script.Feed('S', 10);
        var request = FloorScript.SingleRequest(script.Feed("."));
        Assert.Equal(new RequestAsr(request.RequestId, 25, 80, AsrPurpose.EndOfTurn), request);
        script.Transcript(request.RequestId, "Cancel that, I want to talk to an agent.");

        Assert.Equal(80 + 15, script.FeedUntilAction('.', 100));
        var end = Assert.IsType<EndTurn>(script.Log[^1].Action);
        Assert.True(end.Turn.Interrupted);
        Assert.Equal(40, end.Turn.SpeechStartTick);
        Assert.Equal(80, end.Turn.SpeechEndTick);
    }

    [Fact]
    public void A_short_utterance_that_is_not_a_backchannel_yields_with_its_transcript_and_ends_after_the_rest_of_the_silence()
    {
        var script = PausedAt40(speechFrames: 10);
        var request = FloorScript.SingleRequest(script.Feed("..."));
        script.Feed("..");

        var yield = Assert.IsType<YieldFloor>(Assert.Single(script.Transcript(request.RequestId, "Wait, what was that?")));

        Assert.Equal(new YieldFloor(40, "Wait, what was that?", false), yield);
        Assert.Equal(FloorState.CallerSpeaking, script.State);
        // Silence since tick 50 already counts: the default 15 frames end the turn at tick 64.
        Assert.Equal(49 + 15, script.FeedUntilAction('.', 100));
        var end = Assert.IsType<EndTurn>(script.Log[^1].Action);
        Assert.Equal(new CallerTurn("Wait, what was that?", 1, 40, 49, 54, 64, EndOfTurnReason.Silence, true), end.Turn);
    }

    [Fact]
    public void A_complete_short_answer_over_the_bot_yields_and_ends_the_turn_in_one_go()
    {
        var script = PausedAt40(speechFrames: 10, expect: new Expectation { Kind = ExpectationKind.YesNo });
        var request = FloorScript.SingleRequest(script.Feed("..."));
        script.Feed('.', 5);

        var actions = script.Transcript(request.RequestId, "No.");

        Assert.Equal(2, actions.Count);
        Assert.Equal(new YieldFloor(40, "No.", false), actions[0]);
        var end = Assert.IsType<EndTurn>(actions[1]);
        Assert.Equal(EndOfTurnReason.Complete, end.Turn.Reason);
        Assert.True(end.Turn.Interrupted);
        Assert.Equal(FloorState.AwaitingResponse, script.State);
    }

    [Fact]
    public void Speech_resuming_before_the_backchannel_transcript_keeps_counting_from_the_onset()
    {
        var script = PausedAt40(speechFrames: 5);
        var first = FloorScript.SingleRequest(script.Feed("..."));

        Assert.Empty(script.Feed('S', 22));
        var yield = Assert.IsType<YieldFloor>(Assert.Single(script.Feed("S")));

        Assert.Equal(new YieldFloor(40, null, false), yield);
        Assert.Equal(70, script.Now);
        Assert.Empty(script.Transcript(first.RequestId, "mhm"));
        Assert.Equal(FloorState.CallerSpeaking, script.State);
    }

    [Fact]
    public void A_backchannel_in_two_bursts_is_judged_on_its_second_transcript()
    {
        var script = PausedAt40(speechFrames: 5);
        var first = FloorScript.SingleRequest(script.Feed("..."));
        script.Feed("SSSSS");
        var second = FloorScript.SingleRequest(script.Feed("..."));

        Assert.Equal(new RequestAsr(second.RequestId, 25, 52, AsrPurpose.Backchannel), second);
        Assert.Empty(script.Transcript(first.RequestId, "yeah"));
        Assert.Equal(FloorState.BotPaused, script.State);
        Assert.Equal(new ResumeBot("Yeah, yeah."), Assert.Single(script.Transcript(second.RequestId, "Yeah, yeah.")));
    }

    [Fact]
    public void A_prompt_that_ended_while_paused_goes_back_to_listening_after_the_backchannel()
    {
        var script = PausedAt40(speechFrames: 5);
        script.PromptFinished();
        Assert.Equal(FloorState.BotPaused, script.State);
        var request = FloorScript.SingleRequest(script.Feed("..."));

        Assert.IsType<ResumeBot>(Assert.Single(script.Transcript(request.RequestId, "okay")));

        Assert.Equal(FloorState.Listening, script.State);
    }

    [Fact]
    public void Speech_over_a_prompt_that_is_not_bargeable_is_ignored_until_it_ends()
    {
        var script = new FloorScript();
        script.Prompt(bargeable: false);

        Assert.Empty(script.Feed('S', 100));
        Assert.Equal(FloorState.BotSpeaking, script.State);
        Assert.Empty(script.Dtmf('1'));
        Assert.Equal(FloorState.BotSpeaking, script.State);

        script.PromptFinished();
        Assert.Equal(FloorState.Listening, script.State);
        script.Feed("SSS");
        Assert.Equal(FloorState.CallerSpeaking, script.State);
    }

    [Fact]
    public void A_key_press_stops_a_bargeable_prompt_and_yields()
    {
        var script = new FloorScript();
        script.Prompt();
        script.Feed('.', 10);

        var actions = script.Dtmf('5');

        Assert.Equal(new FloorAction[] { new PauseBot(9), new YieldFloor(9, null, true) }, actions);
        Assert.Equal(FloorState.Listening, script.State);
    }

    [Fact]
    public void A_key_press_while_paused_yields_at_the_pause()
    {
        var script = PausedAt40(speechFrames: 5);
        var request = FloorScript.SingleRequest(script.Feed("..."));

        Assert.Equal(new YieldFloor(40, null, true), Assert.Single(script.Dtmf('#')));
        Assert.Equal(FloorState.Listening, script.State);
        Assert.Empty(script.Transcript(request.RequestId, "mhm"));
    }

    [Fact]
    public void A_key_press_without_a_prompt_changes_nothing()
    {
        var script = new FloorScript();
        script.Feed("SSSSS");

        Assert.Empty(script.Dtmf('3'));
        Assert.Equal(FloorState.CallerSpeaking, script.State);
    }

    /// <summary>A bargeable prompt from tick 0, the caller speaking from tick 40 for <paramref name="speechFrames"/> frames (paused at 42).</summary>
    private static FloorScript PausedAt40(int speechFrames, Expectation? expect = null)
    {
        var script = new FloorScript();
        script.Prompt(expect: expect);
        Assert.Empty(script.Feed('.', 40));
        var actions = script.Feed('S', speechFrames);
        Assert.Equal(new PauseBot(40), Assert.Single(actions));
        Assert.Equal(FloorState.BotPaused, script.State);
        return script;
    }
}
