using System.Collections.Concurrent;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Playout;
using ContactCenter.ModelRuntime.Engine;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The gateway side of <c>voice capacity</c>: like the real gateway's media loop, one thread with absolute 20 ms
/// deadlines (SCHED_FIFO above the engine's tick where permitted, as the gateway's playout clock runs) steps every
/// call. Calls open one by one over the stagger time; a call that ends (the flow transferred or hung up, or the engine
/// failed it) is replaced by a new one, so the engine always serves the step's number of calls. Each call's greeting
/// is asked of the fake flow when it opens. The gateway's clock runs at a set phase after the engine's: the real
/// gateway's media loop and the engine's tick are two independent 20 ms clocks, and where one ticks within the other's
/// period decides how many frames are in flight between them.
/// </summary>
internal sealed class SimulatedGateway : IDisposable
{
    /// <summary>The gateway's playout clock priority (above the engine tick's 5).</summary>
    private const int RealtimePriority = 10;

    private readonly DuplexEngine _engine;
    private readonly FakeFlow _flow;
    private readonly CapacityCorpus _corpus;
    private readonly short[] _noise;
    private readonly double _noiseGain;
    private readonly double _echoGain;
    private readonly int _echoDelayMs;
    private readonly int _calls;
    private readonly TimeSpan _stagger;
    private readonly ConcurrentDictionary<Guid, SimulatedCall> _byId = new();
    private readonly List<SimulatedCall> _active = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Func<long> _engineTickStart;
    private readonly TimeSpan _phase;
    private int _opened;
    private int _scheduled;
    private long _lateSteps;

    public SimulatedGateway(DuplexEngine engine, FakeFlow flow, CapacityCorpus corpus, int calls, TimeSpan stagger, short[] noise, LineCondition line,
        Func<long> engineTickStart, TimeSpan phase)
    {
        _engineTickStart = engineTickStart;
        _phase = phase;
        _engine = engine;
        _flow = flow;
        _corpus = corpus;
        _calls = calls;
        _stagger = stagger;
        _noise = noise;
        _noiseGain = line.NoiseGain(noise);
        _echoGain = line.EchoGain;
        _echoDelayMs = line.EchoDelayMs;
        _thread = new Thread(Run) { IsBackground = true, Name = "Sim gateway", Priority = ThreadPriority.Highest };
    }

    public SimulatedCallStats Stats { get; } = new();

    /// <summary>Calls opened so far, replacements included.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Gateway steps that started a whole period late (the simulation itself fell behind).</summary>
    public long LateSteps => Interlocked.Read(ref _lateSteps);

    /// <summary>Whether the gateway thread got SCHED_FIFO.</summary>
    public bool Realtime { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>An event the engine published (tick thread): to the call's caller.</summary>
    public void Deliver(ICallMessage message)
    {
        if (_byId.TryGetValue(message.CallId, out var call))
        {
            call.Deliver(message);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        foreach (var call in _byId.Values)
        {
            call.Leave();
        }

        _stop.Dispose();
    }

    private void Run()
    {
        Realtime = LinuxRealtimeScheduling.TryEnableForCurrentThread(RealtimePriority);
        var clock = StopwatchPlayoutClock.Instance;
        double period = DuplexEngine.TickPeriod.TotalSeconds * clock.Frequency;
        long start = PhasedStart(clock, period);
        long staggerTicks = Math.Max(1, (long)(_stagger / DuplexEngine.TickPeriod));
        long n = 0;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            long deadline = start + (long)Math.Round(n * period);
            clock.WaitUntil(deadline, token);
            long behind = (long)Math.Floor((clock.GetTimestamp() - deadline) / period);
            if (behind >= 1)
            {
                Interlocked.Add(ref _lateSteps, behind);
                n += behind;
            }

            // Open calls on schedule: call k at k/N of the stagger time.
            while (_scheduled < _calls && _scheduled * staggerTicks / _calls <= n)
            {
                _scheduled++;
                Open();
            }

            var now = DateTimeOffset.UtcNow;
            for (int i = 0; i < _active.Count; i++)
            {
                var call = _active[i];
                call.Step(now);
                if (call.Ended)
                {
                    _byId.TryRemove(call.Call.CallId, out _);
                    _active[i] = Open(add: false);
                }
            }

            n++;
        }
    }

    /// <summary>The first deadline: <see cref="_phase"/> after one of the engine's tick starts, in the future.</summary>
    private long PhasedStart(StopwatchPlayoutClock clock, double period)
    {
        long engineStart;
        while ((engineStart = _engineTickStart()) == 0 && !_stop.IsCancellationRequested)
        {
            Thread.Sleep(1);
        }

        double start = engineStart + (_phase.TotalSeconds * clock.Frequency);
        long now = clock.GetTimestamp();
        while (start < now)
        {
            start += period;
        }

        return (long)start;
    }

    private SimulatedCall Open(bool add = true)
    {
        int index = Interlocked.Increment(ref _opened) - 1;
        var id = Guid.NewGuid();
        var engineCall = _engine.Open(new CallStartInfo(id, $"sip:+1555{index:D7}@trunk.example.com", "1000"));
        var call = new SimulatedCall(engineCall, _corpus, seed: index, _noise, _noiseGain, _echoGain, _echoDelayMs, Stats);
        _byId[id] = call;
        if (add)
        {
            _active.Add(call);
        }

        _flow.Greet(id);
        return call;
    }
}
