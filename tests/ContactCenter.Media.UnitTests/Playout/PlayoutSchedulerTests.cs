using System.Collections.Concurrent;
using System.Diagnostics;
using ContactCenter.Media.Playout;

namespace ContactCenter.Media.UnitTests.Playout;

public class PlayoutSchedulerTests
{
    /// <summary>A clock in microseconds that jumps to each deadline plus an injected lateness.</summary>
    private sealed class FakeClock : IPlayoutClock
    {
        public long Now { get; set; } = 1_000_000;

        public List<long> Deadlines { get; } = [];

        public Queue<long> Lateness { get; } = new();

        public long Frequency => 1_000_000;

        public long GetTimestamp() => Now;

        public void WaitUntil(long timestamp, CancellationToken cancellationToken)
        {
            Deadlines.Add(timestamp);
            Now = Math.Max(Now, timestamp) + (Lateness.Count > 0 ? Lateness.Dequeue() : 0);
        }
    }

    private sealed class RecordingTarget : IPlayoutTarget
    {
        public List<long> Ticks { get; } = [];

        public void OnTick(long tickIndex) => Ticks.Add(tickIndex);
    }

    private static PlayoutScheduler Manual(FakeClock clock) => new(null, clock, null, autoStart: false);

    [Fact]
    public void Deadlines_are_absolute_so_lateness_does_not_accumulate()
    {
        var clock = new FakeClock();
        using PlayoutScheduler scheduler = Manual(clock);
        var target = new RecordingTarget();
        scheduler.Register(target);
        for (int i = 0; i < 10; i++)
        {
            clock.Lateness.Enqueue(300);
        }

        for (int i = 0; i < 10; i++)
        {
            scheduler.RunTick();
        }

        long start = clock.Deadlines[0];
        Assert.Equal(Enumerable.Range(0, 10).Select(k => start + (k * 20_000L)), clock.Deadlines);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (long)k), target.Ticks);
        PacingStatistics stats = scheduler.Statistics;
        Assert.Equal(10, stats.Ticks);
        Assert.Equal(0, stats.Overruns);
        Assert.Equal(TimeSpan.FromMicroseconds(300), stats.P99);
        Assert.Equal(TimeSpan.FromMicroseconds(300), stats.Max);
        Assert.False(scheduler.IsRunning);
    }

    [Fact]
    public void A_tick_more_than_a_period_late_skips_missed_ticks_instead_of_bursting()
    {
        var clock = new FakeClock();
        using PlayoutScheduler scheduler = Manual(clock);
        var a = new RecordingTarget();
        var b = new RecordingTarget();
        scheduler.Register(a);
        scheduler.Register(b);
        scheduler.Register(a); // registering twice does not double-send
        foreach (long late in new long[] { 0, 0, 0, 45_000, 0, 0 })
        {
            clock.Lateness.Enqueue(late);
        }

        for (int i = 0; i < 6; i++)
        {
            scheduler.RunTick();
        }

        // Tick 3 woke 45 ms late, in tick 5's slot: ticks 3 and 4 are skipped, 5 runs once.
        Assert.Equal([0L, 1, 2, 5, 6, 7], a.Ticks);
        Assert.Equal(a.Ticks, b.Ticks);
        Assert.Equal(a.Ticks.Count, a.Ticks.Distinct().Count());
        Assert.Equal(2, scheduler.Statistics.Overruns);
        // The late tick ran 5 ms after tick 5's own deadline.
        Assert.Equal(TimeSpan.FromMilliseconds(5), scheduler.Statistics.Max);
        Assert.Equal(8, scheduler.CurrentTick);
    }

    [Fact]
    public void Targets_are_spread_over_slots_each_keeping_a_20_ms_cadence()
    {
        var clock = new FakeClock();
        using var scheduler = new PlayoutScheduler(null, clock, null, autoStart: false, phases: 4);
        RecordingTarget[] targets = [.. Enumerable.Range(0, 8).Select(_ => new RecordingTarget())];
        var callTimes = new Dictionary<RecordingTarget, List<long>>();
        foreach (RecordingTarget target in targets)
        {
            scheduler.Register(target);
        }

        for (int i = 0; i < 12; i++)
        {
            scheduler.RunSlot();
        }

        // 12 slots of 5 ms = 3 ticks; every target ran each tick exactly once.
        long start = clock.Deadlines[0];
        Assert.Equal(Enumerable.Range(0, 12).Select(k => start + (k * 5_000L)), clock.Deadlines);
        Assert.All(targets, t => Assert.Equal([0L, 1, 2], t.Ticks));
        Assert.Equal(3, scheduler.Statistics.Ticks);
        Assert.Equal(8, scheduler.TargetCount);
    }

    [Fact]
    public void With_slots_a_stall_skips_the_same_ticks_for_every_target()
    {
        var clock = new FakeClock();
        using var scheduler = new PlayoutScheduler(null, clock, null, autoStart: false, phases: 4);
        RecordingTarget[] targets = [.. Enumerable.Range(0, 4).Select(_ => new RecordingTarget())];
        foreach (RecordingTarget target in targets)
        {
            scheduler.Register(target);
        }

        scheduler.RunTick();
        clock.Lateness.Enqueue(47_000); // tick 1's first slot (due at 20 ms) wakes at 67 ms
        for (int i = 0; i < 8; i++)
        {
            scheduler.RunSlot();
        }

        // Slots due a whole period or more before 67 ms (20..45 ms) are skipped; the ones due
        // at 50..65 ms still run, late and once; from 70 ms on the cadence is back.
        Assert.Equal([0L, 3, 4], targets[0].Ticks);
        Assert.Equal([0L, 3, 4], targets[1].Ticks);
        Assert.Equal([0L, 2, 3], targets[2].Ticks);
        Assert.Equal([0L, 2, 3], targets[3].Ticks);
        Assert.Equal(6, scheduler.Statistics.Overruns);
        Assert.Equal(TimeSpan.FromMilliseconds(17), scheduler.Statistics.Max); // slot due at 50 ms ran at 67 ms
    }

    [Fact]
    public void A_throwing_target_does_not_stop_the_others()
    {
        var clock = new FakeClock();
        using PlayoutScheduler scheduler = Manual(clock);
        var good = new RecordingTarget();
        scheduler.Register(new ThrowingTarget());
        scheduler.Register(good);

        scheduler.RunTick();
        scheduler.RunTick();

        Assert.Equal([0L, 1], good.Ticks);
        Assert.Equal(2, scheduler.TargetFaults);
    }

    [Fact]
    public void Unregistered_targets_are_not_called_again()
    {
        var clock = new FakeClock();
        using PlayoutScheduler scheduler = Manual(clock);
        var a = new RecordingTarget();
        var b = new RecordingTarget();
        scheduler.Register(a);
        scheduler.Register(b);
        scheduler.RunTick();
        Assert.True(scheduler.Unregister(a));
        Assert.False(scheduler.Unregister(a));
        scheduler.RunTick();

        Assert.Equal([0L], a.Ticks);
        Assert.Equal([0L, 1], b.Ticks);
        Assert.Equal(1, scheduler.TargetCount);
    }

    [Fact]
    public void Real_time_smoke_test_runs_25_ticks_promptly_with_one_call_per_target_per_tick()
    {
        var targets = Enumerable.Range(0, 3).Select(_ => new ConcurrentTarget()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        using (var scheduler = new PlayoutScheduler())
        {
            foreach (ConcurrentTarget target in targets)
            {
                scheduler.Register(target);
            }

            Assert.True(scheduler.IsRunning);
            Assert.True(SpinWait.SpinUntil(() => targets.All(t => t.Ticks.Count >= 25), TimeSpan.FromSeconds(10)));
            Assert.True(scheduler.Statistics.Ticks >= 24);
        }

        // 25 ticks are 0.5 s of audio; the bound only catches a scheduler that hangs or bursts.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        foreach (ConcurrentTarget target in targets)
        {
            long[] ticks = [.. target.Ticks];
            Assert.Equal(ticks.Length, ticks.Distinct().Count());
            Assert.Equal(ticks.Order(), ticks);
        }
    }

    private sealed class ThrowingTarget : IPlayoutTarget
    {
        public void OnTick(long tickIndex) => throw new InvalidOperationException("broken call");
    }

    private sealed class ConcurrentTarget : IPlayoutTarget
    {
        public ConcurrentQueue<long> Ticks { get; } = new();

        public void OnTick(long tickIndex) => Ticks.Enqueue(tickIndex);
    }
}
