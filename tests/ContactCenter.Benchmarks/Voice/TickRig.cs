using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.ModelRuntime.Options;
using ContactCenter.ModelRuntime.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// Frames in, frames out: one call on a real <see cref="DuplexEngine"/> (real models, inline ASR, a manual clock)
/// driven one 20 ms tick per <see cref="Step"/>, with a gateway simulated around it, as the integration tests'
/// EngineHarness does. Each step the "gateway" plays one queued bot frame onto the wire (FramePlayed for marked
/// frames), sends one caller frame (the caller's audio, plus the wire's audio echoed back after a delay and an
/// attenuation, plus noise), the engine ticks, and its output is taken: bot frames join the gateway's queue and a
/// ClearBotAudio empties it and is acknowledged with the number of frames dropped.
/// </summary>
internal sealed class TickRig : IDisposable
{
    public const int FrameSamples = 160;

    private static readonly short[] SilentFrame = new short[FrameSamples];

    private readonly Queue<BotFrame> _gatewayQueue = new();
    private readonly Queue<(long Due, CallOutput Output)> _inTransit = new();
    private readonly List<short[]> _wire = [];
    private readonly LineCondition _line;
    private readonly short[] _noise;
    private readonly double _echoGain;
    private readonly double _noiseGain;
    private short[] _caller = [];
    private int _stretches;
    private long _lastBotOutput = long.MinValue / 2;
    private int _transportDelay;

    /// <summary>A fresh engine with one open call; with a <paramref name="trace"/> writer, every caller frame's verdict (echo, VAD, floor state) and every event is written to it.</summary>
    public TickRig(VoiceModels models, RuntimeTelemetry telemetry, LineCondition line, short[] noise, TextWriter? trace = null)
    {
        Options = new ModelRuntimeOptions();
        Clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Events = new RecordingEvents();
        Engine = new DuplexEngine(Options, models.Vad, models.Asr, models.Prompts, Events, telemetry, Clock, NullLogger.Instance, inlineAsr: true);
        _line = line;
        _noise = noise;
        _echoGain = line.EchoGain;
        _noiseGain = line.NoiseGain(noise);
        CallId = Guid.NewGuid();
        Call = Engine.Open(new CallStartInfo(CallId, "sip:+15551234567@trunk.example.com", "1000"));
        if (trace is not null)
        {
            Engine.FrameTrace = t => trace.WriteLine(
                $"  {t.Tick,5} caller {t.Echo.CallerDb,6:F1} cleaned {t.Echo.CleanedDb,6:F1} ref {t.Echo.ReferenceDb,6:F1} " +
                $"{(t.Echo.EchoOnly ? "echo" : "    ")} p {t.Probability:F2} {(t.Speech ? "SPEECH" : "      ")} {t.FloorAfter}");
            Events.Listener = message => trace.WriteLine($"  {Clock.TickOf(message.OccurredAt),5} event {message}");
        }
    }

    public ModelRuntimeOptions Options { get; }

    public ManualClock Clock { get; }

    public RecordingEvents Events { get; }

    public DuplexEngine Engine { get; }

    public Guid CallId { get; }

    public EngineCall Call { get; }

    /// <summary>Steps run so far; the tick of the next step.</summary>
    public long Tick { get; private set; }

    /// <summary>Bot frames the gateway put on the wire, with the step that played them.</summary>
    public List<long> PlayedTicks { get; } = [];

    /// <summary>Steps at which a ClearBotAudio came out, and how many queued frames it dropped.</summary>
    public List<(long Tick, int Dropped)> Clears { get; } = [];

    /// <summary>A prompt for this call, decided now.</summary>
    public SpeakPrompt Prompt(string promptId, string text, Expectation expect) => new()
    {
        CallId = CallId,
        OccurredAt = Clock.GetUtcNow(),
        PromptId = promptId,
        Text = text,
        Expect = expect,
    };

    /// <summary>The caller says <paramref name="audio"/> (8 kHz) from step <paramref name="atTick"/> on.</summary>
    public void CallerSays(short[] audio, long atTick) =>
        _caller = TestAudio.MixAt(_caller, audio, checked((int)(atTick * FrameSamples)));

    /// <summary>One 20 ms tick: the gateway plays and sends, the engine ticks, its output is taken.</summary>
    public void Step()
    {
        var now = Clock.GetUtcNow();
        short[] wire = SilentFrame;
        if (_gatewayQueue.TryDequeue(out var played))
        {
            wire = played.Samples;
            PlayedTicks.Add(Tick);
            if (played.Mark != 0)
            {
                Write(new FramePlayed(played.Mark, now));
            }
        }

        _wire.Add(wire);
        Write(new CallerFrame(CallerFrame(Tick)));
        Engine.RunTick();
        TakeOutput(now);
        Clock.Advance(DuplexEngine.TickPeriod);
        Tick++;
    }

    /// <summary>Steps until <paramref name="done"/> holds (checked after each step); false when <paramref name="maxTicks"/> ran out.</summary>
    public bool RunUntil(Func<bool> done, int maxTicks)
    {
        for (int i = 0; i < maxTicks; i++)
        {
            Step();
            if (done())
            {
                return true;
            }
        }

        return false;
    }

    public void Run(int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            Step();
        }
    }

    public void Dispose() => Engine.Dispose();

    private short[] CallerFrame(long tick)
    {
        var frame = new short[FrameSamples];
        double echoGain = _echoGain;
        int echoDelay = _line.EchoDelayMs * 8;
        double noiseGain = _noiseGain;
        for (int i = 0; i < FrameSamples; i++)
        {
            long n = (tick * FrameSamples) + i;
            double sample = n < _caller.Length ? _caller[n] : 0;
            if (echoGain > 0)
            {
                long source = n - echoDelay;
                if (source >= 0)
                {
                    sample += _wire[(int)(source / FrameSamples)][source % FrameSamples] * echoGain;
                }
            }

            if (noiseGain > 0)
            {
                sample += _noise[n % _noise.Length] * noiseGain;
            }

            frame[i] = (short)Math.Clamp(Math.Round(sample), short.MinValue, short.MaxValue);
        }

        return frame;
    }

    private void TakeOutput(DateTimeOffset now)
    {
        while (Call.Output.TryRead(out var sent))
        {
            if (sent is BotFrame && Tick - _lastBotOutput > 1 && _line.OutputJitter)
            {
                // A new stretch of bot speech: every other one crosses the transport a tick late.
                _transportDelay = _stretches++ % 2;
            }

            if (sent is BotFrame)
            {
                _lastBotOutput = Tick;
            }

            _inTransit.Enqueue((Tick + _transportDelay, sent));
        }

        while (_inTransit.TryPeek(out var due) && due.Due <= Tick)
        {
            var output = _inTransit.Dequeue().Output;
            switch (output)
            {
                case BotFrame frame:
                    _gatewayQueue.Enqueue(frame);
                    break;
                case ClearBotAudio:
                    // Control jumps the queue: everything not yet played is dropped, and the gateway says how much.
                    int dropped = _gatewayQueue.Count;
                    _gatewayQueue.Clear();
                    Clears.Add((Tick, dropped));
                    Write(new QueueCleared(now, dropped));
                    break;
                default:
                    break;
            }
        }
    }

    private void Write(CallInput input)
    {
        if (!Call.Input.TryWrite(input))
        {
            throw new InvalidOperationException($"The engine refused {input.GetType().Name}.");
        }
    }
}
