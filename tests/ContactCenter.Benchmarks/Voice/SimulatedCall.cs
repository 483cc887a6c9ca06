using System.Collections.Concurrent;
using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// One caller and its side of the gateway in <c>voice capacity</c>, stepped every 20 ms by <see cref="SimulatedGateway"/>.
/// The gateway part plays one queued bot frame per step (reporting marked frames), obeys ClearBotAudio, and sends one
/// caller frame: the caller's speech plus the bot's echo and line noise. The caller part loops: listen to a prompt
/// (sometimes saying "yeah" over it, sometimes cutting in with a new request), pause, ask for something, wait for the
/// answer. Its random choices come from a seeded generator, so a step replays the same conversations.
/// </summary>
internal sealed class SimulatedCall
{
    private const int FrameSamples = TickRig.FrameSamples;

    /// <summary>Bot frames kept for the echo: enough for 64 ms of delay plus the frame itself.</summary>
    private const int WireHistory = 6;

    private static readonly short[] Silent = new short[FrameSamples];

    private readonly CapacityCorpus _corpus;
    private readonly Random _random;
    private readonly short[] _noise;
    private readonly double _noiseGain;
    private readonly double _echoGain;
    private readonly int _echoDelaySamples;
    private readonly ConcurrentQueue<ICallMessage> _events = new();
    private readonly Queue<BotFrame> _queue = new();
    private readonly short[][] _wire = new short[WireHistory][];
    private readonly SimulatedCallStats _stats;
    private int _noiseAt;
    private long _steps;
    private CallerPhase _phase = CallerPhase.AwaitingPrompt;
    private long _phaseSince;
    private long _actAt = long.MaxValue;
    private CallerClip? _planned;
    private bool _plannedIsBackchannel;
    private short[]? _speech;
    private int _speechAt;
    private bool _speakingRequest;
    private long _lastSpeechStep = long.MinValue / 2;
    private long _botStartStep = -1;
    private long _lastBotStep = long.MinValue / 2;

    public SimulatedCall(EngineCall call, CapacityCorpus corpus, int seed, short[] noise, double noiseGain, double echoGain, int echoDelayMs, SimulatedCallStats stats)
    {
        Call = call;
        _corpus = corpus;
        _random = new Random(seed);
        _noise = noise;
        _noiseGain = noiseGain;
        _echoGain = echoGain;
        _echoDelaySamples = echoDelayMs * 8;
        _noiseAt = _random.Next(noise.Length);
        _stats = stats;
        for (int i = 0; i < WireHistory; i++)
        {
            _wire[i] = Silent;
        }
    }

    public EngineCall Call { get; }

    /// <summary>The caller hung up or the engine ended the call (transfer, hang-up, failure): the gateway replaces it.</summary>
    public bool Ended { get; private set; }

    /// <summary>An event the engine published for this call (called on the engine's tick thread).</summary>
    public void Deliver(ICallMessage message) => _events.Enqueue(message);

    /// <summary>The caller hangs up (end of the step): nothing more is sent.</summary>
    public void Leave()
    {
        if (!Ended)
        {
            Ended = true;
            Call.Input.TryWrite(new CallerLeft(16));
            Call.Input.TryComplete();
        }
    }

    /// <summary>One 20 ms step of the gateway and the caller at <paramref name="now"/>.</summary>
    public void Step(DateTimeOffset now)
    {
        if (Ended)
        {
            return;
        }

        long tick = _steps++;
        bool promptPlayed = false;
        while (_events.TryDequeue(out var message))
        {
            if (message is PromptPlayed { Interrupted: false })
            {
                promptPlayed = true;
            }
        }

        TakeOutput(now);
        if (Ended)
        {
            return;
        }

        // Play one frame onto the "wire"; it echoes back into the caller's audio below.
        short[] played = Silent;
        if (_queue.TryDequeue(out var frame))
        {
            played = frame.Samples;
            if (frame.Mark != 0)
            {
                Write(new FramePlayed(frame.Mark, now));
            }
        }

        _wire[tick % WireHistory] = played;
        if (!ReferenceEquals(played, Silent))
        {
            // Bot audio after 200 ms of none starts a new stretch of bot speech (a prompt, or a resumed one).
            _botStartStep = tick - _lastBotStep > 10 ? tick : _botStartStep;
            _lastBotStep = tick;
        }

        Act(tick, promptPlayed, botTalking: !ReferenceEquals(played, Silent));
        Write(new CallerFrame(CallerFrame(tick)));
    }

    private void TakeOutput(DateTimeOffset now)
    {
        while (Call.Output.TryRead(out var output))
        {
            switch (output)
            {
                case BotFrame frame:
                    _queue.Enqueue(frame);
                    break;
                case ClearBotAudio:
                    NotePause();
                    int dropped = _queue.Count;
                    _queue.Clear();
                    Write(new QueueCleared(now, dropped));
                    break;
                case TransferRequest or HangUpRequest:
                    Interlocked.Increment(ref _stats.EndedByFlow);
                    Leave();
                    return;
                default:
                    break;
            }
        }

        if (Call.Output.Completion.IsCompleted)
        {
            Interlocked.Increment(ref _stats.EndedByEngine);
            Leave();
        }
    }

    /// <summary>
    /// The engine paused the bot. With no caller speech in the last 500 ms it was the line (echo, noise) that did it: a
    /// false barge-in, recorded with how far into the bot's stretch of speech it came.
    /// </summary>
    private void NotePause()
    {
        if (_steps - _lastSpeechStep > 25)
        {
            _stats.FalsePause(_botStartStep < 0 ? -1 : (_steps - _botStartStep) * 20);
        }
    }

    /// <summary>The caller's script: what to say next, and when.</summary>
    private void Act(long tick, bool promptPlayed, bool botTalking)
    {
        switch (_phase)
        {
            case CallerPhase.AwaitingPrompt:
                if (botTalking)
                {
                    Enter(CallerPhase.Listening, tick);
                    PlanOverPrompt(tick);
                }
                else if (tick - _phaseSince > 500)
                {
                    // No answer in 10 s (lost turn): ask again.
                    Interlocked.Increment(ref _stats.NoAnswer);
                    PauseThenAsk(tick);
                }

                break;
            case CallerPhase.Listening:
                if (promptPlayed || tick - _phaseSince > 1500)
                {
                    PauseThenAsk(tick);
                }
                else if (tick >= _actAt && botTalking && _planned is { } clip)
                {
                    _planned = null;
                    _actAt = long.MaxValue;
                    if (_plannedIsBackchannel)
                    {
                        Interlocked.Increment(ref _stats.Backchannels);
                    }
                    else
                    {
                        Interlocked.Increment(ref _stats.Interruptions);
                    }

                    Say(clip, request: !_plannedIsBackchannel, tick);
                }

                break;
            case CallerPhase.Pausing:
                if (tick >= _actAt)
                {
                    _actAt = long.MaxValue;
                    Interlocked.Increment(ref _stats.Requests);
                    Say(Pick(_corpus.Requests), request: true, tick);
                }

                break;
            case CallerPhase.Speaking:
                if (_speech is null)
                {
                    // A request waits for its answer; a backchannel goes back to listening to the same prompt.
                    Enter(_speakingRequest ? CallerPhase.AwaitingPrompt : CallerPhase.Listening, tick);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Over a prompt: a backchannel (25%) or an interruption (20%) 1.5–4 s in, else listen to the end.</summary>
    private void PlanOverPrompt(long tick)
    {
        double roll = _random.NextDouble();
        _plannedIsBackchannel = roll < 0.25;
        _planned = roll < 0.25 ? Pick(_corpus.Backchannels) : roll < 0.45 ? Pick(_corpus.Interruptions) : null;
        _actAt = _planned is null ? long.MaxValue : tick + _random.Next(75, 200);
    }

    private void PauseThenAsk(long tick)
    {
        Enter(CallerPhase.Pausing, tick);
        _planned = null;
        _actAt = tick + _random.Next(20, 75);
    }

    private void Say(CallerClip clip, bool request, long tick)
    {
        _speech = clip.Audio;
        _speechAt = 0;
        _speakingRequest = request;
        Enter(CallerPhase.Speaking, tick);
    }

    private void Enter(CallerPhase phase, long tick)
    {
        _phase = phase;
        _phaseSince = tick;
    }

    private CallerClip Pick(IReadOnlyList<CallerClip> clips) => clips[_random.Next(clips.Count)];

    private short[] CallerFrame(long tick)
    {
        var frame = new short[FrameSamples];
        for (int i = 0; i < FrameSamples; i++)
        {
            double sample = _noise[_noiseAt] * _noiseGain;
            _noiseAt = (_noiseAt + 1) % _noise.Length;
            if (_speech is { } speech && _speechAt < speech.Length)
            {
                sample += speech[_speechAt++];
                _lastSpeechStep = tick;
            }

            if (_echoGain > 0)
            {
                // The wire sample played _echoDelaySamples before this one (frames older than the history are silence).
                long source = (tick * FrameSamples) + i - _echoDelaySamples;
                long sourceTick = source / FrameSamples;
                if (source >= 0 && tick - sourceTick < WireHistory)
                {
                    sample += _wire[sourceTick % WireHistory][source % FrameSamples] * _echoGain;
                }
            }

            frame[i] = (short)Math.Clamp(Math.Round(sample), short.MinValue, short.MaxValue);
        }

        if (_speech is { } said && _speechAt >= said.Length)
        {
            _speech = null;
        }

        return frame;
    }

    private void Write(CallInput input)
    {
        if (!Call.Input.TryWrite(input))
        {
            // 10 s of input unread: the engine has stopped taking this call's frames.
            Interlocked.Increment(ref _stats.InputRefused);
        }
    }
}
