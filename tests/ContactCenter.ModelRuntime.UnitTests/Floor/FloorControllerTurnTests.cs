using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Floor;

namespace ContactCenter.ModelRuntime.UnitTests.Floor;

/// <summary>Caller turns while the bot is silent: onset, speculative ASR, predicted end of turn.</summary>
public sealed class FloorControllerTurnTests
{
    private static readonly Expectation Menu = new()
    {
        Kind = ExpectationKind.Choice,
        Phrases = ["pay my bill", "check my balance", "report an outage"],
    };

    private static readonly Expectation FourDigits = new() { Kind = ExpectationKind.Digits, DigitCount = 4 };

    [Fact]
    public void Speech_shorter_than_the_onset_is_ignored()
    {
        var script = new FloorScript();

        Assert.Empty(script.Feed("..SS..S.SS...S..SS."));
        Assert.Equal(FloorState.Listening, script.State);
    }

    [Fact]
    public void Three_speech_frames_start_a_turn_that_begins_at_the_first_of_them()
    {
        var script = new FloorScript();
        script.Feed('.', 30);

        Assert.Empty(script.Feed("SS"));
        Assert.Equal(FloorState.Listening, script.State);
        Assert.Empty(script.Feed("S"));
        Assert.Equal(FloorState.CallerSpeaking, script.State);

        script.Feed("SS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        Assert.Equal(new RequestAsr(1, 30 - 15, 34, AsrPurpose.EndOfTurn), request);
    }

    [Fact]
    public void The_asr_preroll_does_not_reach_before_the_call_started()
    {
        var script = new FloorScript();

        var request = FloorScript.SingleRequest(script.Feed("..SSSS."));

        Assert.Equal(0, request.FromTick);
        Assert.Equal(5, request.ToTick);
    }

    [Fact]
    public void Speech_resuming_makes_the_speculative_transcript_stale()
    {
        var script = new FloorScript();
        script.Feed(new string('.', 20) + "SSSSS");
        var first = FloorScript.SingleRequest(script.Feed("."));
        script.Feed("SSS");
        var second = FloorScript.SingleRequest(script.Feed("."));

        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.Equal(new RequestAsr(second.RequestId, 5, 28, AsrPurpose.EndOfTurn), second);
        Assert.Empty(script.Transcript(first.RequestId, "I want to pay my bill"));
        Assert.Empty(script.Feed('.', 30));
        Assert.Equal(FloorState.CallerSpeaking, script.State);

        var end = Assert.IsType<EndTurn>(Assert.Single(script.Transcript(second.RequestId, "I want to pay my bill, thanks")));
        Assert.Equal(new CallerTurn("I want to pay my bill, thanks", 1, 20, 28, script.Now, script.Now, EndOfTurnReason.Silence, false), end.Turn);
        Assert.Equal(FloorState.AwaitingResponse, script.State);
    }

    [Fact]
    public void A_complete_answer_ends_the_turn_after_the_short_silence()
    {
        var script = new FloorScript();
        script.Prompt(expect: Menu);
        script.PromptFinished();
        script.Feed(new string('.', 10) + "SSSSSSSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Feed("..");

        Assert.Empty(script.Transcript(request.RequestId, "I want to pay my bill."));
        Assert.Empty(script.Feed("..."));
        var end = Assert.IsType<EndTurn>(Assert.Single(script.Feed(".")));

        Assert.Equal(new CallerTurn("I want to pay my bill.", 1, 10, 19, 22, 26, EndOfTurnReason.Complete, false), end.Turn);
        Assert.Equal(FloorState.AwaitingResponse, script.State);
    }

    [Fact]
    public void An_answer_of_unknown_completeness_waits_for_the_default_silence()
    {
        var script = new FloorScript();
        script.Feed(new string('.', 10) + "SSSSSSSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Feed("..");
        script.Transcript(request.RequestId, "I'd like some help with an order");

        long endTick = script.FeedUntilAction('.', 100);

        Assert.Equal(19 + 15, endTick);
        var end = Assert.IsType<EndTurn>(script.Log[^1].Action);
        Assert.Equal(EndOfTurnReason.Silence, end.Turn.Reason);
    }

    [Fact]
    public void An_unfinished_answer_waits_for_the_long_silence()
    {
        var script = new FloorScript();
        script.Prompt(expect: Menu);
        script.PromptFinished();
        script.Feed(new string('.', 10) + "SSSSSSSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Transcript(request.RequestId, "I want to pay my bill and");

        long endTick = script.FeedUntilAction('.', 200);

        Assert.Equal(19 + 60, endTick);
        var end = Assert.IsType<EndTurn>(script.Log[^1].Action);
        Assert.Equal(EndOfTurnReason.IncompleteTimeout, end.Turn.Reason);
        Assert.Equal("I want to pay my bill and", end.Turn.Transcript);
    }

    [Theory]
    [InlineData("digits", "4 5 2 1", 7, EndOfTurnReason.Complete)]
    [InlineData("digits", "Four, five, two, one.", 7, EndOfTurnReason.Complete)]
    [InlineData("digits", "four five two", 60, EndOfTurnReason.IncompleteTimeout)]
    [InlineData("digits", "It's 45.", 60, EndOfTurnReason.IncompleteTimeout)]
    [InlineData("choice", "Check my balance, please.", 7, EndOfTurnReason.Complete)]
    [InlineData("choice", "I have a question about something", 15, EndOfTurnReason.Silence)]
    [InlineData("yesno", "Yes.", 7, EndOfTurnReason.Complete)]
    [InlineData("yesno", "Um", 60, EndOfTurnReason.IncompleteTimeout)]
    [InlineData("open", "My internet is down since this morning.", 15, EndOfTurnReason.Silence)]
    public void The_silence_that_ends_a_turn_follows_what_was_asked(string asked, string transcript, int silence, EndOfTurnReason reason)
    {
        Expectation expect = asked switch
        {
            "digits" => FourDigits,
            "choice" => Menu,
            "yesno" => new Expectation { Kind = ExpectationKind.YesNo },
            _ => Expectation.Open,
        };
        var script = new FloorScript();
        script.Prompt(expect: expect);
        script.PromptFinished();
        script.Feed("SSSSSSSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Transcript(request.RequestId, transcript);

        long endTick = script.FeedUntilAction('.', 200);

        Assert.Equal(9 + silence, endTick);
        Assert.Equal(reason, Assert.IsType<EndTurn>(script.Log[^1].Action).Turn.Reason);
    }

    [Fact]
    public void A_transcript_arriving_after_the_needed_silence_ends_the_turn_at_once()
    {
        var script = new FloorScript();
        script.Feed("SSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Feed('.', 25);

        var end = Assert.IsType<EndTurn>(Assert.Single(script.Transcript(request.RequestId, "hello there")));

        Assert.Equal(script.Now, end.Turn.DecisionTick);
        Assert.Equal(script.Now, end.Turn.AsrFinalTick);
        Assert.Equal(4, end.Turn.SpeechEndTick);
    }

    [Fact]
    public void An_empty_transcript_is_noise_and_no_turn()
    {
        var script = new FloorScript();
        script.Feed("SSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));

        Assert.Empty(script.Transcript(request.RequestId, "  "));
        Assert.Equal(FloorState.Listening, script.State);
        Assert.Empty(script.Feed('.', 100));

        script.Feed("SSS");
        var next = FloorScript.SingleRequest(script.Feed("."));
        Assert.Equal(request.RequestId + 1, next.RequestId);
    }

    [Fact]
    public void Long_speech_that_ASR_made_nothing_of_is_still_a_turn_for_the_flow_to_answer()
    {
        var script = new FloorScript();
        script.Feed('S', 40);
        var request = FloorScript.SingleRequest(script.Feed("."));

        Assert.Empty(script.Transcript(request.RequestId, ""));
        Assert.Equal(FloorState.CallerSpeaking, script.State);
        var actions = script.Feed('.', 15);

        var end = Assert.IsType<EndTurn>(Assert.Single(actions));
        Assert.Equal("", end.Turn.Transcript);
        Assert.Equal(EndOfTurnReason.Silence, end.Turn.Reason);
        Assert.Equal(FloorState.AwaitingResponse, script.State);
    }

    [Fact]
    public void A_turn_longer_than_the_maximum_ends_on_its_transcript()
    {
        var options = FloorScript.Options();
        options.MaxTurnFrames = 50;
        var script = new FloorScript(options);

        var actions = script.Feed('S', 60);
        actions.AddRange(script.Feed('.', 20));

        var request = FloorScript.SingleRequest(actions);
        Assert.Equal(new RequestAsr(request.RequestId, 0, 49, AsrPurpose.EndOfTurn), request);
        Assert.Equal(49, script.Log[0].Tick);
        var end = Assert.IsType<EndTurn>(Assert.Single(script.Transcript(request.RequestId, "and another thing about the")));
        Assert.Equal(EndOfTurnReason.MaxDuration, end.Turn.Reason);
        Assert.Equal(49, end.Turn.SpeechEndTick);
    }

    [Fact]
    public void A_filler_plays_once_when_the_answer_is_late()
    {
        var script = new FloorScript();
        long decided = EndOneTurn(script);

        long fillerTick = script.FeedUntilAction('.', 100);

        Assert.Equal(decided + 40, fillerTick);
        Assert.IsType<PlayFiller>(script.Log[^1].Action);
        Assert.Empty(script.Feed('.', 300));
        Assert.Equal(FloorState.AwaitingResponse, script.State);
    }

    [Fact]
    public void No_filler_when_the_answer_starts_in_time()
    {
        var script = new FloorScript();
        EndOneTurn(script);
        script.Feed('.', 30);

        script.Prompt();

        Assert.Empty(script.Feed('.', 100));
        Assert.Equal(FloorState.BotSpeaking, script.State);
    }

    [Fact]
    public void Speech_while_awaiting_the_answer_is_a_new_turn_whose_preroll_stops_at_the_previous_turn()
    {
        var script = new FloorScript();
        script.Prompt(expect: Menu);
        script.PromptFinished();
        script.Feed(new string('.', 10) + "SSSSSSSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Transcript(request.RequestId, "pay my bill");
        Assert.IsType<EndTurn>(Assert.Single(script.Feed("......")));

        Assert.Empty(script.Feed("SSS"));
        Assert.Equal(FloorState.CallerSpeaking, script.State);
        var next = FloorScript.SingleRequest(script.Feed("."));

        Assert.Equal(new RequestAsr(next.RequestId, 20, 29, AsrPurpose.EndOfTurn), next);
    }

    [Fact]
    public void Noise_while_awaiting_the_answer_goes_back_to_waiting_and_the_filler_still_comes()
    {
        var script = new FloorScript();
        long decided = EndOneTurn(script);
        script.Feed("SSS");
        var request = FloorScript.SingleRequest(script.Feed("."));

        Assert.Empty(script.Transcript(request.RequestId, ""));
        Assert.Equal(FloorState.AwaitingResponse, script.State);

        Assert.Equal(decided + 40, script.FeedUntilAction('.', 100));
        Assert.IsType<PlayFiller>(script.Log[^1].Action);
    }

    [Fact]
    public void A_prompt_started_over_a_turn_in_progress_drops_it()
    {
        var script = new FloorScript();
        script.Feed("SSSSSSSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));

        script.Prompt();

        Assert.Empty(script.Transcript(request.RequestId, "hello"));
        Assert.Equal(FloorState.BotSpeaking, script.State);
        Assert.Empty(script.Feed('.', 50));
    }

    /// <summary>One turn with a late transcript; returns its decision tick.</summary>
    private static long EndOneTurn(FloorScript script)
    {
        script.Feed("SSSSS");
        var request = FloorScript.SingleRequest(script.Feed("."));
        script.Feed('.', 20);
        var end = Assert.IsType<EndTurn>(Assert.Single(script.Transcript(request.RequestId, "what are your opening hours")));
        return end.Turn.DecisionTick;
    }
}
