using System.Diagnostics.Metrics;
using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.ModelRuntime.Options;
using ContactCenter.ModelRuntime.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>
/// Frames in, frames out: one call on a real <see cref="DuplexEngine"/> (real models, inline ASR, a fake clock)
/// driven one 20 ms tick per <see cref="Step"/>, with a gateway simulated around it. Each step the "gateway"
/// plays one queued bot frame onto the wire (reporting FramePlayed for marked frames), sends one caller frame
/// (the caller's scripted audio, plus the wire's audio echoed back with a delay and attenuation, plus noise),
/// the engine ticks, and its output is taken: bot frames join the gateway's queue, a clear empties it and is
/// acknowledged with the number of frames dropped, commands are recorded.
/// </summary>
public sealed class EngineHarness : IDisposable
{
    public const int FrameSamples = 160;

    private static readonly short[] SilentFrame = new short[FrameSamples];
    private static readonly Lazy<short[]> WhiteNoise = new(() => TestAudio.Noise(30_000, "whitenoise", 1.0));

    private readonly ServiceProvider _metrics;
    private readonly Queue<BotFrame> _gatewayQueue = new();
    private readonly List<short[]> _wire = [];
    private readonly List<(long Tick, Action Action)> _scheduled = [];
    private readonly EchoPath? _echo;
    private readonly double _noiseGain;
    private short[] _caller = [];
    private bool _callerGone;

    public EngineHarness(EngineModels models, Action<ModelRuntimeOptions>? configure = null, EchoPath? echo = null, double noiseDbfs = double.NegativeInfinity)
    {
        Models = models;
        Options = new ModelRuntimeOptions();
        configure?.Invoke(Options);
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Events = new RecordingConversationEvents();
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _metrics.GetRequiredService<IMeterFactory>();
        Telemetry = new RuntimeTelemetry(MeterFactory);
        Engine = new DuplexEngine(Options, models.Vad, models.Asr, models.Prompts, Events, Telemetry, Time, NullLogger.Instance, inlineAsr: true);
        _echo = echo;

        // White noise from sox at full scale, scaled to the asked level (its RMS is about -4.8 dBFS at vol 1).
        _noiseGain = double.IsNegativeInfinity(noiseDbfs) ? 0 : Math.Pow(10, (noiseDbfs - TestAudio.RmsDbfs(WhiteNoise.Value)) / 20);
        Engine.FrameTrace = Traces.Add; // floor control runs on the tick thread only
        CallId = Guid.NewGuid();
        Call = Engine.Open(new CallStartInfo(CallId, "sip:+15551234567@trunk.example.com", "1000"));
    }

    public EngineModels Models { get; }

    public ModelRuntimeOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public RecordingConversationEvents Events { get; }

    public IMeterFactory MeterFactory { get; }

    public RuntimeTelemetry Telemetry { get; }

    public DuplexEngine Engine { get; }

    public Guid CallId { get; }

    public EngineCall Call { get; }

    /// <summary>Steps run so far; the tick of the next step.</summary>
    public long Tick { get; private set; }

    /// <summary>Everything the engine sent, with the step it came out on.</summary>
    public List<(long Tick, CallOutput Output)> Outputs { get; } = [];

    /// <summary>Bot frames the gateway put on the wire, with the step that played them.</summary>
    public List<(long Tick, BotFrame Frame)> Played { get; } = [];

    /// <summary>ClearBotAudio commands as the gateway carried them out: the step and how many queued frames it dropped.</summary>
    public List<(long Tick, int Dropped)> Clears { get; } = [];

    /// <summary>How the engine judged each caller frame (echo verdict, VAD probability, speech flag, floor state).</summary>
    internal List<FrameTrace> Traces { get; } = [];

    /// <summary>The caller frames sent, as the engine received them (speech + echo + noise).</summary>
    public List<short[]> CallerFrames { get; } = [];

    /// <summary>The call's floor state in the engine.</summary>
    public Floor.FloorState? FloorState => Engine.FloorStateOf(CallId);

    /// <summary>The caller says <paramref name="audio"/> (8 kHz) from step <paramref name="atTick"/> on, mixed with anything scheduled.</summary>
    public void CallerSays(short[] audio, long atTick)
    {
        _caller = TestAudio.MixAt(_caller, audio, checked((int)(atTick * FrameSamples)));
    }

    /// <summary>Runs <paramref name="action"/> at the start of step <paramref name="tick"/> (before the gateway plays).</summary>
    public void At(long tick, Action action) => _scheduled.Add((tick, action));

    /// <summary>The caller hangs up at the start of the next step: the gateway sends nothing more.</summary>
    public void CallerLeaves(int q850Cause = 16)
    {
        _callerGone = true;
        Write(new CallerLeft(q850Cause));
    }

    /// <summary>A prompt for this call, decided now.</summary>
    public SpeakPrompt Prompt(string promptId, string text) => new()
    {
        CallId = CallId,
        OccurredAt = Time.GetUtcNow(),
        PromptId = promptId,
        Text = text,
    };

    public void Speak(SpeakPrompt prompt) => Engine.Speak(prompt);

    /// <summary>
    /// A fake flow: each final utterance is answered <paramref name="afterTicks"/> steps later with the prompt
    /// <paramref name="answer"/> makes of it (null: no answer), decided then and in response to that turn.
    /// </summary>
    public void AnswerTurns(Func<UtteranceRecognized, SpeakPrompt?> answer, int afterTicks)
    {
        Events.Published += message =>
        {
            if (message is UtteranceRecognized utterance && utterance.CallId == CallId)
            {
                At(Tick + afterTicks, () =>
                {
                    if (answer(utterance) is { } prompt)
                    {
                        Speak(prompt with { OccurredAt = Time.GetUtcNow(), InResponseTo = utterance.TurnId });
                    }
                });
            }
        };
    }

    /// <summary>One 20 ms tick: the gateway plays and sends, the engine ticks, its output is taken.</summary>
    public void Step()
    {
        var now = Time.GetUtcNow();
        for (int i = 0; i < _scheduled.Count; i++)
        {
            if (_scheduled[i].Tick <= Tick)
            {
                var action = _scheduled[i].Action;
                _scheduled.RemoveAt(i--);
                action();
            }
        }

        short[] wire = SilentFrame;
        if (_gatewayQueue.TryDequeue(out var played))
        {
            wire = played.Samples;
            Played.Add((Tick, played));
            if (played.Mark != 0 && !_callerGone)
            {
                Write(new FramePlayed(played.Mark, now));
            }
        }

        _wire.Add(wire);
        if (!_callerGone)
        {
            var frame = CallerFrame(Tick);
            CallerFrames.Add(frame);
            Write(new CallerFrame(frame));
        }

        Engine.RunTick();
        Time.Advance(DuplexEngine.TickPeriod);
        TakeOutput();
        Tick++;
    }

    public void Run(int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            Step();
        }
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

    /// <summary>The steps at which outputs of type <typeparamref name="T"/> came out.</summary>
    public List<long> TicksOf<T>()
        where T : CallOutput => [.. Outputs.Where(o => o.Output is T).Select(o => o.Tick)];

    /// <summary>The played bot audio of the steps in [<paramref name="fromTick"/>, <paramref name="toTick"/>), concatenated.</summary>
    public short[] PlayedAudio(long fromTick = 0, long toTick = long.MaxValue) =>
        [.. Played.Where(p => p.Tick >= fromTick && p.Tick < toTick).SelectMany(p => p.Frame.Samples)];

    /// <summary>The first 20 ms frame of <paramref name="audio"/> louder than <paramref name="dbfs"/>: where speech starts in a clip.</summary>
    public static int OnsetFrame(short[] audio, double dbfs = -40)
    {
        for (int frame = 0; frame * FrameSamples < audio.Length; frame++)
        {
            var span = audio.AsSpan(frame * FrameSamples, Math.Min(FrameSamples, audio.Length - (frame * FrameSamples)));
            if (TestAudio.RmsDbfs(span) > dbfs)
            {
                return frame;
            }
        }

        throw new ArgumentException("The clip is silent.", nameof(audio));
    }

    /// <summary>The last 20 ms frame of <paramref name="audio"/> louder than <paramref name="dbfs"/>: where speech ends in a clip.</summary>
    public static int OffsetFrame(short[] audio, double dbfs = -40)
    {
        for (int frame = ((audio.Length + FrameSamples - 1) / FrameSamples) - 1; frame >= 0; frame--)
        {
            var span = audio.AsSpan(frame * FrameSamples, Math.Min(FrameSamples, audio.Length - (frame * FrameSamples)));
            if (TestAudio.RmsDbfs(span) > dbfs)
            {
                return frame;
            }
        }

        throw new ArgumentException("The clip is silent.", nameof(audio));
    }

    public void Dispose()
    {
        Engine.Dispose();
        Telemetry.Dispose();
        _metrics.Dispose();
    }

    private short[] CallerFrame(long tick)
    {
        var frame = new short[FrameSamples];
        var noise = WhiteNoise.Value;
        for (int i = 0; i < FrameSamples; i++)
        {
            long n = (tick * FrameSamples) + i;
            double sample = n < _caller.Length ? _caller[n] : 0;
            if (_echo is { } echo)
            {
                long source = n - (echo.DelayMs * 8);
                if (source >= 0)
                {
                    sample += _wire[(int)(source / FrameSamples)][source % FrameSamples] * echo.Gain;
                }
            }

            sample += noise[n % noise.Length] * _noiseGain;
            frame[i] = (short)Math.Clamp(Math.Round(sample), short.MinValue, short.MaxValue);
        }

        return frame;
    }

    private void TakeOutput()
    {
        while (Call.Output.TryRead(out var output))
        {
            Outputs.Add((Tick, output));
            switch (output)
            {
                case BotFrame frame:
                    Assert.Equal(FrameSamples, frame.Samples.Length);
                    _gatewayQueue.Enqueue(frame);
                    break;
                case ClearBotAudio:
                    // Control jumps the queue: everything not yet played is dropped, and the gateway says how much.
                    int dropped = _gatewayQueue.Count;
                    _gatewayQueue.Clear();
                    Clears.Add((Tick, dropped));
                    Write(new QueueCleared(Time.GetUtcNow(), dropped));
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Writes to the engine like the transport: while the session lasts (the engine closes the input when it ends).</summary>
    private void Write(CallInput input)
    {
        if (!Call.Output.Completion.IsCompleted)
        {
            Assert.True(Call.Input.TryWrite(input), $"The engine refused {input.GetType().Name}.");
        }
    }
}
