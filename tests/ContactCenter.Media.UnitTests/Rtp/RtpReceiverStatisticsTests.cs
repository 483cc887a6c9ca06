using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.UnitTests.Rtp;

public class RtpReceiverStatisticsTests
{
    // Arrival times in milliseconds make the A.8 arithmetic readable.
    private static RtpReceiverStatistics Create() => new(clockRate: 8000, timestampFrequency: 1000);

    private static void Feed(RtpReceiverStatistics stats, params int[] sequences)
    {
        foreach (int seq in sequences)
        {
            stats.Update((ushort)seq, (uint)(seq * 160), seq * 20);
        }
    }

    [Fact]
    public void A_new_source_is_on_probation_for_its_first_packet()
    {
        RtpReceiverStatistics stats = Create();
        Assert.False(stats.Update(500, 0, 0));
        Assert.False(stats.IsValid);
        Assert.True(stats.Update(501, 160, 20));
        Assert.True(stats.IsValid);
        Assert.Equal(501u, stats.BaseSequence);
        Assert.Equal(1, stats.Received);
    }

    [Fact]
    public void Sequence_wrap_at_65535_adds_a_cycle_and_loses_nothing()
    {
        RtpReceiverStatistics stats = Create();
        for (int i = 0; i < 16; i++)
        {
            stats.Update((ushort)(65530 + i), (uint)(i * 160), i * 20);
        }

        Assert.Equal(0x10009u, stats.ExtendedHighestSequence); // one cycle, max_seq 9
        Assert.Equal(15, stats.Received);
        Assert.Equal(15, stats.Expected);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void A_gap_counts_as_loss_and_the_report_block_carries_fraction_and_cumulative_loss()
    {
        RtpReceiverStatistics stats = Create();
        Feed(stats, 100, 101, 102, 103, 104, 106, 107, 108, 109);

        Assert.Equal(9, stats.Expected); // 101..109 after probation
        Assert.Equal(8, stats.Received);
        Assert.Equal(1, stats.Lost);

        RtcpReportBlock block = stats.CreateReportBlock(0xABCD);
        Assert.Equal(0xABCDu, block.Ssrc);
        Assert.Equal((1 << 8) / 9, block.FractionLost);
        Assert.Equal(1, block.CumulativeLost);
        Assert.Equal(109u, block.ExtendedHighestSequence);

        // A.3: the next interval without loss reports a zero fraction but keeps the cumulative count.
        Feed(stats, 110, 111);
        RtcpReportBlock next = stats.CreateReportBlock(0xABCD);
        Assert.Equal(0, next.FractionLost);
        Assert.Equal(1, next.CumulativeLost);
    }

    [Fact]
    public void Reordered_packets_are_not_loss()
    {
        RtpReceiverStatistics stats = Create();
        Feed(stats, 1, 2, 4, 3, 5);
        Assert.Equal(5u, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void Reordering_across_the_wrap_does_not_add_a_second_cycle()
    {
        RtpReceiverStatistics stats = Create();
        foreach (int seq in new[] { 65533, 65534, 0, 65535, 1, 2 })
        {
            stats.Update((ushort)seq, 0, 0);
        }

        Assert.Equal(0x10002u, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void A_duplicate_is_counted_as_received_so_loss_goes_negative_as_in_the_rfc()
    {
        RtpReceiverStatistics stats = Create();
        Feed(stats, 1, 2, 3, 3, 4);
        Assert.Equal(3, stats.Expected);
        Assert.Equal(4, stats.Received);
        Assert.Equal(-1, stats.Lost);
        Assert.Equal(-1, stats.CreateReportBlock(1).CumulativeLost);
    }

    [Fact]
    public void A_large_jump_is_accepted_only_after_a_second_sequential_packet()
    {
        RtpReceiverStatistics stats = Create();
        Feed(stats, 10, 11, 12);
        Assert.False(stats.Update(40000, 0, 0));
        Assert.True(stats.Update(40001, 160, 20));
        Assert.Equal(40001u, stats.BaseSequence);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void Jitter_is_zero_for_perfectly_paced_arrivals()
    {
        RtpReceiverStatistics stats = Create();
        Feed(stats, Enumerable.Range(0, 50).ToArray());
        Assert.Equal(0, stats.Jitter);
    }

    [Fact]
    public void Jitter_follows_the_a8_estimator_for_a_known_arrival_pattern()
    {
        RtpReceiverStatistics stats = Create();
        // Every odd packet arrives 10 ms late: each transit change is 10 ms = 80 timestamp units.
        for (int i = 0; i < 100; i++)
        {
            stats.Update((ushort)i, (uint)(i * 160), (i * 20) + (i % 2 == 1 ? 10 : 0));
        }

        // Packet 0 is in probation, packet 1 sets the first transit, 98 updates follow:
        // J(n) = 80 * (1 - (15/16)^n).
        double expected = 80 * (1 - Math.Pow(15.0 / 16, 98));
        Assert.Equal(expected, stats.Jitter, 6);
        Assert.Equal(expected / 8, stats.JitterMs, 6);
        Assert.Equal((uint)expected, stats.CreateReportBlock(1).Jitter);
    }
}
