using ContactCenter.ModelRuntime.Engine;

namespace ContactCenter.ModelRuntime.UnitTests.Engine;

public sealed class EchoReferenceTests
{
    private static short[] Frame(short value) => Enumerable.Repeat(value, 160).ToArray();

    [Fact]
    public void Frames_come_back_in_the_order_sent_then_silence()
    {
        var reference = new EchoReference();
        reference.Sent(Frame(1), mark: 0);
        reference.Sent(Frame(2), mark: 0);

        Assert.Equal(2, reference.Queued);
        Assert.Equal(1, reference.Played()[0]);
        Assert.Equal(2, reference.Played()[0]);
        Assert.All(reference.Played(), sample => Assert.Equal(0, sample));
    }

    [Fact]
    public void A_mark_reported_late_steps_the_mirror_back_to_the_marked_frame()
    {
        // The gateway got the prompt's first frames a tick late: the mirror counted frame 1 as played with a caller
        // frame during which the gateway still sent silence.
        var reference = new EchoReference();
        reference.Sent(Frame(1), mark: 7);
        reference.Sent(Frame(2), mark: 0);
        reference.Sent(Frame(3), mark: 0);
        reference.Played();

        reference.MarkPlayed(7);

        Assert.Equal(1, reference.Played()[0]);
        Assert.Equal(2, reference.Played()[0]);
    }

    [Fact]
    public void A_mark_reported_early_skips_what_the_mirror_thought_was_still_queued()
    {
        var reference = new EchoReference();
        reference.Sent(Frame(1), mark: 0);
        reference.Sent(Frame(2), mark: 0);
        reference.Sent(Frame(3), mark: 9);

        reference.MarkPlayed(9);

        Assert.Equal(3, reference.Played()[0]);
        Assert.Equal(0, reference.Queued);
    }

    [Fact]
    public void A_cleared_queue_is_never_played()
    {
        var reference = new EchoReference();
        reference.Sent(Frame(1), mark: 0);
        reference.Sent(Frame(2), mark: 0);

        reference.Cleared();

        Assert.Equal(0, reference.Queued);
        Assert.All(reference.Played(), sample => Assert.Equal(0, sample));
    }

    [Fact]
    public void A_long_prompt_keeps_only_a_short_history_and_stays_aligned()
    {
        var reference = new EchoReference();
        for (short i = 1; i <= 500; i++)
        {
            reference.Sent(Frame(i), mark: (uint)i);
            Assert.Equal(i, reference.Played()[0]);
        }

        reference.MarkPlayed(495);
        Assert.Equal(495, reference.Played()[0]);
    }
}
