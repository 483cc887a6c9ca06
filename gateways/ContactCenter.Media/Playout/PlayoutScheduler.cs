using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Media.Playout;

/// <summary>
/// The process-wide playout clock (DESIGN §1: the gateway owns the clocks). One dedicated thread
/// ticks every 20 ms on absolute deadlines (start + n x period, so no drift accumulates) and calls
/// every registered <see cref="IPlayoutTarget"/> once per tick. When the thread falls a whole
/// period or more behind, the missed ticks are skipped and counted as overruns instead of run
/// back to back: a burst of packets would only overflow the far end's jitter buffer.
/// One thread for all calls means 50 wake-ups a second in total rather than 50 per call, and
/// every call is served in the same order each tick, so each stream's spacing stays even.
/// </summary>
public sealed class PlayoutScheduler : IDisposable
{
    /// <summary>The tick period: one 20 ms audio frame.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMilliseconds(20);

    private readonly ILogger _logger;
    private readonly IPlayoutClock _clock;
    private readonly double _periodTicks;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LatencyHistogram _pacing = new();
    private readonly LatencyHistogram _work = new();
    private volatile IPlayoutTarget[] _targets = [];
    private Thread? _thread;
    private bool _clockStarted;
    private long _start;
    private long _tick;
    private long _overruns;
    private long _faults;
    private bool _disposed;

    /// <summary>Creates the scheduler; its thread starts with <see cref="Start"/> or the first <see cref="Register"/>.</summary>
    public PlayoutScheduler(ILogger<PlayoutScheduler>? logger = null, IPlayoutClock? clock = null, TimeSpan? period = null)
        : this(logger, clock, period, autoStart: true)
    {
    }

    internal PlayoutScheduler(ILogger? logger, IPlayoutClock? clock, TimeSpan? period, bool autoStart)
    {
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? StopwatchPlayoutClock.Instance;
        TimeSpan p = period ?? DefaultPeriod;
        if (p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "The playout period must be positive.");
        }

        Period = p;
        _periodTicks = p.TotalSeconds * _clock.Frequency;
        AutoStart = autoStart;
    }

    /// <summary>The tick period.</summary>
    public TimeSpan Period { get; }

    /// <summary>Index of the next tick to run.</summary>
    public long CurrentTick => Interlocked.Read(ref _tick);

    /// <summary>Registered targets.</summary>
    public int TargetCount => _targets.Length;

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
        Ticks = _pacing.Count,
        Overruns = Interlocked.Read(ref _overruns),
        TickWorkP50 = _work.Percentile(0.50),
        TickWorkP99 = _work.Percentile(0.99),
        TickWorkMax = _work.Max,
        Targets = _targets.Length,
    };

    /// <summary>Adds a target (idempotent); it is called from the next tick on.</summary>
    public void Register(IPlayoutTarget target)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Array.IndexOf(_targets, target) < 0)
            {
                // Copy-on-write: the tick loop iterates a snapshot without taking the lock.
                _targets = [.. _targets, target];
            }

            if (AutoStart)
            {
                StartLocked();
            }
        }
    }

    /// <summary>Removes a target; a tick already in progress may still call it once.</summary>
    public bool Unregister(IPlayoutTarget target)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_targets, target);
            if (index < 0)
            {
                return false;
            }

            IPlayoutTarget[] next = new IPlayoutTarget[_targets.Length - 1];
            Array.Copy(_targets, 0, next, 0, index);
            Array.Copy(_targets, index + 1, next, index, _targets.Length - index - 1);
            _targets = next;
            return true;
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
    }

    /// <summary>Stops the thread and waits for the tick in progress to finish.</summary>
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
    /// Waits for the next deadline and runs one tick. The scheduler thread loops on this; tests
    /// call it directly with a fake clock.
    /// </summary>
    internal void RunTick(CancellationToken cancellationToken = default)
    {
        if (!_clockStarted)
        {
            _start = _clock.GetTimestamp();
            _clockStarted = true;
        }

        long tick = _tick;
        long deadline = Deadline(tick);
        _clock.WaitUntil(deadline, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        long now = _clock.GetTimestamp();
        long late = now - deadline;
        if (late >= _periodTicks)
        {
            // Fell a whole period (or more) behind: skip to the tick whose slot we are in rather
            // than running the missed ones back to back.
            long missed = (long)(late / _periodTicks);
            Interlocked.Add(ref _overruns, missed);
            tick += missed;
            deadline = Deadline(tick);
            late = now - deadline;
            if (missed > 0)
            {
                _logger.LogWarning("Playout fell {Missed} tick(s) behind; skipped them", missed);
            }
        }

        _pacing.Record(ToMicroseconds(late));
        IPlayoutTarget[] targets = _targets;
        foreach (IPlayoutTarget target in targets)
        {
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

        _work.Record(ToMicroseconds(_clock.GetTimestamp() - now));
        Interlocked.Exchange(ref _tick, tick + 1);
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
        _logger.LogInformation("Playout scheduler started ({Period} ms ticks)", Period.TotalMilliseconds);
        while (!token.IsCancellationRequested)
        {
            RunTick(token);
        }
    }

    private long Deadline(long tick) => _start + (long)Math.Round(tick * _periodTicks);

    private long ToMicroseconds(long clockTicks) => (long)(clockTicks * 1_000_000.0 / _clock.Frequency);
}
