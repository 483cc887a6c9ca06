using ContactCenter.LoadTest.Measurement;
using ContactCenter.LoadTest.Scenarios;
using ContactCenter.LoadTest.UnitTests.Synthetic;
using static ContactCenter.LoadTest.UnitTests.Synthetic.SyntheticStream;

namespace ContactCenter.LoadTest.UnitTests.Measurement;

public sealed class ConversationMeasurerTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(1.013)]
    [InlineData(2.347)]
    public void A_known_300_ms_gap_is_measured_as_300_ms_within_20(double callerEnds)
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(6), (callerEnds + 0.3, callerEnds + 2.0)));

        var turn = MeasureOne(Caller(UtteranceKind.Request, callerEnds - 0.8, callerEnds), bot);

        Tolerance.Near(0.3, turn.ResponseLatency);
        Assert.False(turn.Unanswered);
    }

    [Fact]
    public void A_known_300_ms_gap_is_measured_from_jittered_packets_within_20_ms()
    {
        var pcm = Tones(Seconds(6), (0.2, 0.9), (2.3, 4.0));
        var random = new Random(11);
        var detector = new SpeechDetector();
        foreach (var (time, frame) in Frames(pcm, index => Regular(index) + TimeSpan.FromMilliseconds(random.Next(0, 16))).OrderBy(f => f.Time))
        {
            detector.Add(time, frame);
        }

        var turn = MeasureOne(Caller(UtteranceKind.Request, 1.2, 2.0), detector.Finish());

        Tolerance.Near(0.3, turn.ResponseLatency);
    }

    [Fact]
    public void Bot_speech_that_starts_before_the_caller_finished_is_not_the_answer()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(6), (0.5, 1.5), (2.6, 3.5)));

        var turn = MeasureOne(Caller(UtteranceKind.Request, 1.0, 2.0), bot);

        Tolerance.Near(0.6, turn.ResponseLatency);
    }

    [Fact]
    public void An_answer_later_than_the_wait_leaves_the_turn_unanswered()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (5.5, 6.5)));

        var turn = MeasureOne(Caller(UtteranceKind.Request, 1.0, 2.0), bot, new MeasurementOptions { WaitForBot = Seconds(3) });

        Assert.Null(turn.ResponseLatency);
        Assert.True(turn.Unanswered);
    }

    [Fact]
    public void Barge_in_stop_latency_is_interruption_onset_to_the_end_of_the_bot_spurt_it_cut()
    {
        // The bot talks from 0.5 s; the caller interrupts at 2.0 s; the bot goes quiet 150 ms later and answers at 3.6 s.
        var bot = SpeechDetector.Detect(Tones(Seconds(6), (0.5, 2.15), (3.6, 4.5)));

        var turn = MeasureOne(Caller(UtteranceKind.Interruption, 2.0, 3.0), bot);

        Tolerance.Near(0.15, turn.BargeInStopLatency);
        Tolerance.Near(0.6, turn.ResponseLatency);
    }

    [Fact]
    public void An_interruption_while_the_bot_is_silent_has_no_stop_latency()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(6), (0.5, 1.5), (3.6, 4.5)));

        var turn = MeasureOne(Caller(UtteranceKind.Interruption, 2.0, 3.0), bot);

        Assert.Null(turn.BargeInStopLatency);
    }

    [Fact]
    public void A_bot_that_keeps_talking_through_sentence_breaks_talked_through_the_backchannel()
    {
        // A 500 ms sentence break right after the "mhm" is longer than the detector's hangover but is not a stop.
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (0.5, 2.6), (3.1, 4.0)));

        var turn = MeasureOne(Caller(UtteranceKind.Backchannel, 2.0, 2.4), bot);

        Assert.True(turn.TalkedThrough);
        Assert.Null(turn.ResponseLatency);
        Assert.False(turn.Unanswered);
    }

    [Fact]
    public void A_bot_that_stops_for_the_backchannel_did_not_talk_through_it()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (0.5, 2.2), (4.0, 5.0)));

        var turn = MeasureOne(Caller(UtteranceKind.Backchannel, 2.0, 2.4), bot);

        Assert.False(turn.TalkedThrough);
    }

    [Fact]
    public void A_bot_that_finishes_less_than_a_second_after_the_backchannel_did_not_talk_through_it()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (0.5, 3.0)));

        var turn = MeasureOne(Caller(UtteranceKind.Backchannel, 2.0, 2.4), bot);

        Assert.False(turn.TalkedThrough);
    }

    [Fact]
    public void A_backchannel_into_silence_has_nothing_to_talk_through()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (0.5, 1.5)));

        var turn = MeasureOne(Caller(UtteranceKind.Backchannel, 2.0, 2.4), bot);

        Assert.Null(turn.TalkedThrough);
    }

    [Fact]
    public void A_2_5_s_wait_for_the_answer_is_dead_air()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (3.5, 5.0)));

        var measurement = ConversationMeasurer.Measure([Caller(UtteranceKind.Request, 0.2, 1.0)], bot, Seconds(8));

        var deadAir = Assert.Single(measurement.DeadAir);
        Assert.Equal(0, deadAir.TurnIndex);
        Tolerance.Near(1.0, deadAir.Start);
        Tolerance.Near(2.5, deadAir.Length);
    }

    [Fact]
    public void A_1_5_s_wait_is_not_dead_air()
    {
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (2.5, 5.0)));

        var measurement = ConversationMeasurer.Measure([Caller(UtteranceKind.Request, 0.2, 1.0)], bot, Seconds(8));

        Assert.Empty(measurement.DeadAir);
    }

    [Fact]
    public void Dead_air_is_counted_from_the_end_of_bot_speech_running_over_the_callers_turn()
    {
        // The bot talked over the caller's end until 1.5 s, then left them waiting until 4.0 s.
        var bot = SpeechDetector.Detect(Tones(Seconds(8), (0.5, 1.5), (4.0, 5.0)));

        var measurement = ConversationMeasurer.Measure([Caller(UtteranceKind.Request, 0.2, 1.0)], bot, Seconds(8));

        var deadAir = Assert.Single(measurement.DeadAir);
        Tolerance.Near(1.5, deadAir.Start);
        Tolerance.Near(2.5, deadAir.Length);
    }

    [Fact]
    public void A_bot_that_never_answers_leaves_dead_air_until_the_caller_speaks_again()
    {
        var measurement = ConversationMeasurer.Measure(
            [Caller(UtteranceKind.Request, 0.2, 1.0), Caller(UtteranceKind.Request, 4.0, 5.0)], [], Seconds(8));

        Assert.Collection(
            measurement.DeadAir,
            first => Tolerance.Near(3.0, first.Length),
            last => Assert.Equal((1, 3.0), (last.TurnIndex, last.Length.TotalSeconds)));
        Assert.All(measurement.Turns, turn => Assert.True(turn.Unanswered));
    }

    [Fact]
    public void Waiting_after_a_backchannel_is_not_dead_air()
    {
        var measurement = ConversationMeasurer.Measure([Caller(UtteranceKind.Backchannel, 0.2, 0.5)], [], Seconds(6));

        Assert.Empty(measurement.DeadAir);
    }

    private static CallerTurn Caller(UtteranceKind kind, double start, double end) => new(kind, Seconds(start), Seconds(end));

    private static TurnMeasurement MeasureOne(CallerTurn turn, IReadOnlyList<TalkSpurt> bot, MeasurementOptions? options = null) =>
        Assert.Single(ConversationMeasurer.Measure([turn], bot, Seconds(10), options).Turns);
}
