using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Media.Playout;

/// <summary>
/// The process-wide playout clock (DESIGN §1: the gateway owns the clocks). One dedicated thread
/// calls every registered <see cref="IPlayoutTarget"/> once per 20 ms tick on absolute deadlines
/// (start + n x period, so no drift accumulates). No thread or timer per call.
/// <para>
/// Targets are spread over <see cref="Phases"/> evenly spaced slots inside the period (10 by
/// default: a slot every 2 ms) and each target keeps its slot for life. Every stream is still
/// paced at exactly one frame per 20 ms, but a slot serves a tenth of the calls, so with 1,000
/// calls the last packet of a slot leaves well under a millisecond after its deadline instead of
/// the several milliseconds 1,000 back-to-back sends take, and the network sees a steady flow
/// rather than a burst every 20 ms.
/// </para>
/// <para>
/// When the thread falls behind, slots whose deadline passed a whole period ago are skipped
/// (counted as overruns) instead of run back to back: a burst would only overflow the far end's
/// jitter buffer. A target is therefore never called twice for one tick, and tick indices only grow.
/// </para>
/// </summary>
public sealed class PlayoutScheduler : IDisposable
{
    /// <summary>The tick period: one 20 ms audio frame.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>Default number of slots per period.</summary>
    public const int DefaultPhases = 10;

    private readonly ILogger _logger;
    private readonly IPlayoutClock _clock;
    private readonly double _periodTicks;
    private readonly double _slotTicks;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LatencyHistogram _pacing = new();
    private readonly LatencyHistogram _work = new();
    private volatile IPlayoutTarget[][] _slots;
    private Thread? _thread;
    private bool _clockStarted;
    private long _start;
    private long _slot;
    private long _slotsRun;
    private long _overruns;
    private long _faults;
    private bool _disposed;

    /// <summary>Creates the scheduler; its thread starts with <see cref="Start"/> or the first <see cref="Register"/>.</summary>
    /// <param name="logger">Logger.</param>
    /// <param name="clock">Time source (default: <see cref="StopwatchPlayoutClock"/>).</param>
    /// <param name="period">Tick period (default 20 ms).</param>
    /// <param name="phases">Slots per period that targets are spread over (1 = all targets at the tick).</param>
    public PlayoutScheduler(ILogger<PlayoutScheduler>? logger = null, IPlayoutClock? clock = null, TimeSpan? period = null, int phases = DefaultPhases)
        : this(logger, clock, period, autoStart: true, phases)
    {
    }

    internal PlayoutScheduler(ILogger? logger, IPlayoutClock? clock, TimeSpan? period, bool autoStart, int phases = 1)
    {
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? StopwatchPlayoutClock.Instance;
        TimeSpan p = period ?? DefaultPeriod;
        if (p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "The playout period must be positive.");
        }

        if (phases is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(phases), "Between 1 and 100 slots per period.");
        }

        Period = p;
        Phases = phases;
        _periodTicks = p.TotalSeconds * _clock.Frequency;
        _slotTicks = _periodTicks / phases;
        _slots = [.. Enumerable.Range(0, phases).Select(_ => Array.Empty<IPlayoutTarget>())];
        AutoStart = autoStart;
    }

    /// <summary>The tick period.</summary>
    public TimeSpan Period { get; }

    /// <summary>Slots per period that targets are spread over.</summary>
    public int Phases { get; }

    /// <summary>SCHED_FIFO priority of the scheduler thread where permitted: low among real-time threads, above every normal one.</summary>
    public const int RealtimePriority = 10;

    /// <summary>Index of the tick (frame) the scheduler is in.</summary>
    public long CurrentTick => Interlocked.Read(ref _slot) / Phases;

    /// <summary>Registered targets.</summary>
    public int TargetCount => _slots.Sum(s => s.Length);

    /// <summary>True while the scheduler thread runs.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Exceptions thrown by targets (each is logged and the tick goes on).</summary>
    public long TargetFaults => Interlocked.Read(ref _faults);

    internal bool AutoStart { get; }

    /// <summary>A snapshot of the pacing statistics.</summary>
    public PacingStatistics Statistics => new()
    {
        P50 = _pacing.Percentile(0.50),
        P99 = _pacing.Percentile(0.99),
        Max = _pacing.Max,
        Ticks = Interlocked.Read(ref _slotsRun) / Phases,
        Overruns = Interlocked.Read(ref _overruns),
        TickWorkP50 = _work.Percentile(0.50),
        TickWorkP99 = _work.Percentile(0.99),
        TickWorkMax = _work.Max,
        Targets = TargetCount,
    };

    /// <summary>Adds a target to the least busy slot (idempotent); it is called from that slot's next tick on.</summary>
    public void Register(IPlayoutTarget target)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_slots.Any(s => Array.IndexOf(s, target) >= 0))
            {
                int phase = 0;
                for (int i = 1; i < _slots.Length; i++)
                {
                    if (_slots[i].Length < _slots[phase].Length)
                    {
                        phase = i;
                    }
                }

                // Copy-on-write: the tick loop iterates a snapshot without taking the lock.
                IPlayoutTarget[][] next = [.. _slots];
                next[phase] = [.. next[phase], target];
                _slots = next;
            }

            if (AutoStart)
            {
                StartLocked();
            }
        }
    }

    /// <summary>Removes a target; a slot already in progress may still call it once.</summary>
    public bool Unregister(IPlayoutTarget target)
    {
        lock (_gate)
        {
            for (int phase = 0; phase < _slots.Length; phase++)
            {
                if (Array.IndexOf(_slots[phase], target) >= 0)
                {
                    IPlayoutTarget[][] next = [.. _slots];
                    next[phase] = [.. next[phase].Where(t => !ReferenceEquals(t, target))];
                    _slots = next;
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Starts the scheduler thread (idempotent).</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            StartLocked();
        }
    }

    /// <summary>Clears the pacing and tick-work histograms (after a warm-up, before a measurement).</summary>
    public void ResetStatistics()
    {
        _pacing.Clear();
        _work.Clear();
        Interlocked.Exchange(ref _overruns, 0);
        Interlocked.Exchange(ref _slotsRun, 0);
    }

    /// <summary>Stops the thread and waits for the slot in progress to finish.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            thread = _thread;
            _stop.Cancel();
        }

        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Waits for the next slot's deadline and serves its targets. The scheduler thread loops on
    /// this; tests call it directly with a fake clock.
    /// </summary>
    internal void RunSlot(CancellationToken cancellationToken = default)
    {
        if (!_clockStarted)
        {
            _start = _clock.GetTimestamp();
            _clockStarted = true;
        }

        long slot = _slot;
        long deadline = Deadline(slot);
        _clock.WaitUntil(deadline, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        long now = _clock.GetTimestamp();
        long current = (long)Math.Floor((now - _start) / _slotTicks);
        if (current - slot >= Phases)
        {
            // More than a whole period behind: the slots whose deadline is a period or more in
            // the past are dropped, the last period's slots are still served (late, once each).
            long skipped = current - Phases + 1 - slot;
            Interlocked.Add(ref _overruns, skipped);
            _logger.LogWarning("Playout fell {Skipped} slot(s) behind; skipped them", skipped);
            slot += skipped;
            deadline = Deadline(slot);
        }

        long tick = slot / Phases;
        IPlayoutTarget[] targets = _slots[(int)(slot % Phases)];
        foreach (IPlayoutTarget target in targets)
        {
            // Pacing error per packet: when this target sends against its ideal instant.
            _pacing.Record(ToMicroseconds(_clock.GetTimestamp() - deadline));
            try
            {
                target.OnTick(tick);
            }
            catch (Exception ex)
            {
                // One broken call must not stop the clock for every other call.
                Interlocked.Increment(ref _faults);
                _logger.LogError(ex, "Playout target {Target} failed on tick {Tick}", target, tick);
            }
        }

        if (targets.Length > 0)
        {
            _work.Record(ToMicroseconds(_clock.GetTimestamp() - now));
        }

        Interlocked.Increment(ref _slotsRun);
        Interlocked.Exchange(ref _slot, slot + 1);
    }

    /// <summary>Runs every slot of one tick (tests with a single phase use this as "one tick").</summary>
    internal void RunTick(CancellationToken cancellationToken = default)
    {
        long tick = _slot / Phases;
        while (_slot / Phases == tick && !cancellationToken.IsCancellationRequested)
        {
            RunSlot(cancellationToken);
        }
    }

    private void StartLocked()
    {
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "RTP playout",
            Priority = ThreadPriority.Highest,
        };
        _thread.Start();
    }

    private void Run()
    {
        CancellationToken token = _stop.Token;
        bool realtime = _clock is StopwatchPlayoutClock && LinuxRealtimeScheduling.TryEnableForCurrentThread(RealtimePriority);
        _logger.LogInformation("Playout scheduler started: {Period} ms ticks in {Phases} slots, {Scheduling} scheduling",
            Period.TotalMilliseconds, Phases, realtime ? "real-time (SCHED_FIFO)" : "normal (no CAP_SYS_NICE)");
        while (!token.IsCancellationRequested)
        {
            RunSlot(token);
        }
    }

    private long Deadline(long slot) => _start + (long)Math.Round(slot * _slotTicks);

    private long ToMicroseconds(long clockTicks) => (long)(clockTicks * 1_000_000.0 / _clock.Frequency);
}
