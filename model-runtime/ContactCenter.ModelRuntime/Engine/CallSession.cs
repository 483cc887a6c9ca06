using System.Diagnostics;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Media.Codecs;
using ContactCenter.ModelRuntime.Echo;
using ContactCenter.ModelRuntime.Floor;
using ContactCenter.ModelRuntime.Models;
using ContactCenter.ModelRuntime.Options;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.ModelRuntime.Telemetry;
using Microsoft.Extensions.Logging;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// One call inside the engine (DESIGN §2): its floor controller, echo guard and VAD stream, the caller's cleaned
/// audio by tick, the prompt playing and those queued, and the turn bookkeeping that turns floor ticks into the
/// times reported on the bus. Everything here runs on the engine's tick thread; the engine calls, per tick,
/// <see cref="BeginTick"/>, <see cref="DrainInput"/>, (batched VAD), <see cref="ApplyFrames"/>,
/// <see cref="ApplyTranscript"/> for results, then <see cref="Emit"/> and <see cref="CheckTimeouts"/>.
/// </summary>
internal sealed class CallSession : IDisposable
{
    private const int FrameSamples = AudioFrame.SampleCount;

    /// <summary>Turns kept for TurnCompleted; an answer to an older turn is not timed.</summary>
    private const int MaxRememberedTurns = 8;

    /// <summary>How long an interruption's report waits for the gateway's QueueCleared (which says what was heard).</summary>
    private const int ClearReportTimeoutTicks = 10;

    /// <summary>How long after its last frame went out a prompt's FramePlayed may take before it counts as played anyway.</summary>
    private const int LastMarkTimeoutTicks = 100;

    /// <summary>Ticks without a caller frame after which the engine's tick paces the output instead.</summary>
    private const int StalledInputTicks = 3;

    /// <summary>
    /// Consecutive frames at the noise floor that end speech despite VAD's hangover: 100 ms, longer than a stop closure
    /// or most pauses between words (which must stay bridged: the floor asks ASR about speech over the bot after 60 ms
    /// of silence), half of Silero's hangover.
    /// </summary>
    private const int QuietFramesEndSpeech = 5;

    /// <summary>A frame within this much of the line's noise floor carries no voice.</summary>
    private const float QuietMarginDb = 12f;

    /// <summary>On a line quieter than this (digital silence), this is the quiet level instead.</summary>
    private const float QuietFloorDbfs = -60f;

    /// <summary>How fast the noise floor estimate may rise per frame (0.5 dB/s): minimum tracking, R. Martin, IEEE TSAP 2001.</summary>
    private const float NoiseFloorRiseDb = 0.01f;

    private readonly EngineServices _services;

    /// <summary>Frames the gateway may already hold before the engine stops adding: a clock slower than ours drains it.</summary>
    private readonly int _maxQueuedFrames;
    private readonly ModelRuntimeOptions _options;
    private readonly FloorController _floor;
    private readonly EchoGuard _echo;
    private readonly CallerAudioRing _ring;
    private readonly short[] _cleaned = new short[FrameSamples];
    private readonly EchoReference _echoReference = new();
    private readonly List<TickItem> _items = [];
    private readonly List<int> _frameItems = [];
    private readonly List<FloorAction> _actions = [];
    private readonly Queue<RenderedPrompt> _queue = new();
    private readonly List<PromptPlayback> _awaitingPlayout = [];
    private readonly Dictionary<uint, MarkTarget> _marks = [];
    private readonly List<RememberedTurn> _turns = [];
    private PromptPlayback? _playing;
    private BargeInState? _bargeIn;
    private bool _vadSpeech;
    private bool _lastSpeech;
    private float _noiseFloorDb = float.NaN;
    private int _quietRun;
    private bool _followUpPending;
    private string? _interruptedPromptId;
    private uint _lastMark;
    private long _engineTick;
    private int _ticksWithoutFrames;
    private DateTimeOffset _now;

    public CallSession(EngineCall call, VadStream vad, EngineServices services)
    {
        Call = call;
        Vad = vad;
        _services = services;
        _options = services.Options;
        _maxQueuedFrames = (2 * _options.OutputLeadFrames) + 2;
        _ring = new CallerAudioRing(_options.Floor.MaxTurnFrames + _options.Floor.AsrPrerollFrames + 50);
        _floor = new FloorController(_options.Floor);
        _echo = new EchoGuard(_options.Echo);
    }

    public EngineCall Call { get; }

    public Guid CallId => Call.CallId;

    public VadStream Vad { get; }

    /// <summary>The caller left (or the stream closed); the engine removes the session after this tick.</summary>
    public bool Ended { get; private set; }

    /// <summary>Caller frames received this tick, in order (VAD runs over them pass by pass).</summary>
    public int FramesThisTick => _frameItems.Count;

    /// <summary>The floor's view of the call, for tests and diagnostics.</summary>
    public FloorState FloorState => _floor.State;

    /// <summary>The call's frame tick: the newest caller frame (0 before the first).</summary>
    private long CurrentTick => Math.Max(0, _ring.LastTick);

    private ILogger Logger => _services.Logger;

    public void BeginTick(long engineTick, DateTimeOffset now)
    {
        _engineTick = engineTick;
        _now = now;
        _items.Clear();
        _frameItems.Clear();
    }

    /// <summary>
    /// Takes what the transport sent since the last tick. Control is acted on at once; each caller frame is
    /// echo-cancelled against the bot frame the gateway played with it and stored; digits wait for the floor.
    /// </summary>
    public void DrainInput()
    {
        while (Call.InputReader.TryRead(out var input))
        {
            switch (input)
            {
                case CallerFrame frame:
                    ReceiveFrame(frame.Samples);
                    break;
                case CallerDigit digit:
                    _items.Add(new TickItem(CurrentTick, default, Probability: 0, digit.Digit));
                    break;
                case FramePlayed played:
                    OnFramePlayed(played.Mark, played.At);
                    break;
                case QueueCleared cleared:
                    OnQueueCleared(cleared.At, cleared.FramesDropped);
                    break;
                case TransferFailedInput failed:
                    // The caller is still here: let queued prompts play again; the flow hears of it from the gateway.
                    Logger.LogWarning("Transfer of call {CallId} to {Target} failed with SIP {Status}", CallId, failed.Target, failed.SipStatus);
                    _followUpPending = false;
                    break;
                case CallerLeft:
                    Ended = true;
                    return;
                default:
                    throw new InvalidOperationException($"Unknown call input {input.GetType().Name}.");
            }
        }

        if (Call.InputReader.Completion.IsCompleted)
        {
            Ended = true;
        }

        // The gateway sends a caller frame per playout tick, so caller frames are what pace the bot's output. When
        // they stop coming for a while (a stalled stream), this tick stands in for the gateway's: one queued frame
        // counts as played per tick, so the bot keeps talking at 50 frames a second.
        _ticksWithoutFrames = _frameItems.Count > 0 ? 0 : _ticksWithoutFrames + 1;
        if (_ticksWithoutFrames > StalledInputTicks)
        {
            _echoReference.Played();
        }
    }

    public ReadOnlySpan<short> FrameAudio(int index) => _ring.Frame(_items[_frameItems[index]].Tick);

    public void SetProbability(int index, float probability)
    {
        int item = _frameItems[index];
        _items[item] = _items[item] with { Probability = probability };
    }

    /// <summary>Feeds this tick's frames and digits to the floor, in order, and acts on what it asks.</summary>
    public void ApplyFrames()
    {
        double start = _options.VadThreshold;
        double end = _options.VadThreshold - ModelRuntimeOptions.VadHysteresis;
        foreach (var item in _items)
        {
            _actions.Clear();
            if (item.IsDigit)
            {
                _floor.OnDtmf(item.Tick, item.Digit, _actions);
            }
            else
            {
                // Hysteresis on the probability (Silero's VADIterator: on at threshold, off 0.15 below), then the
                // echo verdict: a frame that is only the bot's own voice never starts or continues speech...
                _vadSpeech = _vadSpeech ? item.Probability >= end : item.Probability >= start;
                bool speech = _vadSpeech && !item.Echo.EchoOnly;

                // ...except inside speech the floor already gave to the caller (the bot paused, or the caller's turn):
                // there a quiet gap between words within the echo tail after the pause is judged "echo only" (nothing
                // but residue), and letting that end the speech would chop "all ... circuits" into a short utterance
                // and take it for a backchannel. VAD's own smoothing bridges such gaps; the verdict must not undo it.
                // It never starts speech, so echo alone still cannot.
                if (!speech && _vadSpeech && _lastSpeech && _floor.State is FloorState.BotPaused or FloorState.CallerSpeaking)
                {
                    speech = true;
                }

                // Silero's probability decays for about 200 ms after the voice stops. That hangover bridges gaps between
                // words, but at the end of speech it is pure delay: every turn would end 200 ms late, and a 450 ms
                // "okay" would last past the backchannel limit. So a run of frames at the line's noise floor ends the
                // speech after QuietFramesEndSpeech frames, whatever the probability still says.
                _noiseFloorDb = float.IsNaN(_noiseFloorDb) ? item.Echo.CleanedDb : Math.Min(item.Echo.CleanedDb, _noiseFloorDb + NoiseFloorRiseDb);
                bool quiet = item.Echo.CleanedDb <= Math.Max(_noiseFloorDb + QuietMarginDb, QuietFloorDbfs);
                _quietRun = quiet ? _quietRun + 1 : 0;
                if (_quietRun >= QuietFramesEndSpeech)
                {
                    speech = false;
                }

                _lastSpeech = speech;
                _floor.OnFrame(new FloorFrame(item.Tick, speech), _actions);
                _services.Trace?.Invoke(new FrameTrace(CallId, item.Tick, item.Echo, item.Probability, speech, _floor.State));
            }

            Act();
        }
    }

    /// <summary>A transcript the floor asked for came back.</summary>
    public void ApplyTranscript(long requestId, Recognition heard)
    {
        _actions.Clear();
        _floor.OnTranscript(requestId, CurrentTick, heard, _actions);
        Act();
    }

    /// <summary>A prompt for this call, rendered; it plays when what is ahead of it has (a filler is cut short).</summary>
    public void Enqueue(RenderedPrompt prompt) => _queue.Enqueue(prompt);

    /// <summary>
    /// Sends this tick's bot audio: starts the next prompt when the way is clear, then keeps the gateway's queue
    /// at <see cref="ModelRuntimeOptions.OutputLeadFrames"/> frames: the lead at once when a prompt starts or
    /// resumes, then one frame per caller frame the gateway played.
    /// </summary>
    public void Emit()
    {
        StartNextPrompt();
        if (_playing is not { Paused: false } playing)
        {
            return;
        }

        // The echo reference queue mirrors the gateway's playout queue: one frame leaves it per caller frame.
        int queued = _echoReference.Queued;
        int frames = queued >= _maxQueuedFrames ? 0 : Math.Max(1, _options.OutputLeadFrames - queued);
        for (int i = 0; i < frames && !playing.AllEmitted; i++)
        {
            EmitFrame(playing);
        }

        if (playing.AllEmitted)
        {
            FinishEmission(playing);
        }
    }

    /// <summary>Reports that wait on the gateway, when it does not answer in time.</summary>
    public void CheckTimeouts()
    {
        if (_bargeIn is { Yielded: true } bargeIn && _engineTick >= bargeIn.YieldDeadlineTick)
        {
            Logger.LogWarning("Call {CallId}: no QueueCleared after ClearBotAudio; reporting the interruption without it", CallId);
            CompleteYield(bargeIn);
        }

        for (int i = _awaitingPlayout.Count - 1; i >= 0; i--)
        {
            var prompt = _awaitingPlayout[i];
            if (_engineTick - prompt.AllEmittedTick > LastMarkTimeoutTicks)
            {
                Logger.LogWarning("Call {CallId}: prompt {PromptId} got no FramePlayed for its last frame; counting it played", CallId, prompt.Prompt.PromptId);
                CompletePlayed(prompt, _now);
            }
        }
    }

    /// <summary>Ends the call's output: cleanly, or with the error the transport fails the stream with.</summary>
    public void Complete(Exception? error)
    {
        Ended = true;
        Call.OutputWriter.TryComplete(error);
        Call.CloseInput();
    }

    public void Dispose() => _echo.Dispose();

    private void ReceiveFrame(short[] samples)
    {
        if (samples.Length != FrameSamples)
        {
            throw new InvalidDataException($"A caller frame must hold {FrameSamples} samples (20 ms at 8 kHz), not {samples.Length}.");
        }

        // The frame the gateway played while this one was recorded (or silence): exactly what can echo back.
        short[] reference = _echoReference.Played();
        var verdict = _echo.Process(samples, reference, _cleaned);
        long tick = _ring.Append(_cleaned, _now);
        _frameItems.Add(_items.Count);
        _items.Add(new TickItem(tick, verdict, Probability: 0, Digit: '\0'));
    }

    private void Act()
    {
        foreach (var action in _actions)
        {
            switch (action)
            {
                case PauseBot pause:
                    PauseBot(pause.OnsetTick);
                    break;
                case ResumeBot resume:
                    ResumeBot(resume.Transcript);
                    break;
                case YieldFloor yield:
                    YieldFloor(yield.OnsetTick, yield.Transcript, yield.ByDtmf);
                    break;
                case RequestAsr request:
                    _services.SubmitAsr(new AsrRequest(this, request.RequestId, _ring.Copy(request.FromTick, request.ToTick), request.Purpose));
                    break;
                case EndTurn endTurn:
                    PublishTurn(endTurn.Turn);
                    break;
                case PlayFiller:
                    if (PlayInternal(_services.Filler))
                    {
                        _services.Telemetry.FillerPlayed();
                    }

                    break;
                case SayBackchannel:
                    PlayInternal(_services.Backchannel);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown floor action {action.GetType().Name}.");
            }
        }
    }

    private void PauseBot(long onsetTick)
    {
        var playing = _playing is { Prompt.Internal: false } ? _playing : null;
        _bargeIn = new BargeInState(playing, onsetTick, _now);
        if (playing is null)
        {
            return;
        }

        playing.Paused = true;
        _bargeIn.AwaitingClear = true;
        Send(new ClearBotAudio());

        // The gateway drops what it queued, so none of it will be played or echoed.
        _echoReference.Cleared();
    }

    private void ResumeBot(string transcript)
    {
        var bargeIn = _bargeIn;
        _bargeIn = null;
        if (bargeIn is null)
        {
            return;
        }

        if (bargeIn.Prompt is { } prompt && ReferenceEquals(prompt, _playing))
        {
            // From the first sample the caller did not hear (QueueCleared rewound it); Emit sends the lead again.
            prompt.Paused = false;
            if (!prompt.FirstPlayed)
            {
                prompt.FirstEmitted = false;
            }
        }

        PublishBargeIn(bargeIn, BargeInKind.Backchannel, transcript);
    }

    private void YieldFloor(long onsetTick, string? transcript, bool byDtmf)
    {
        if (_bargeIn is null)
        {
            // Yielding without a pause first (a keypad press): stop the prompt now.
            PauseBot(onsetTick);
        }

        var bargeIn = _bargeIn!;
        bargeIn.Yielded = true;
        bargeIn.YieldTranscript = transcript;
        bargeIn.YieldByDtmf = byDtmf;
        bargeIn.YieldDeadlineTick = _engineTick + ClearReportTimeoutTicks;
        if (bargeIn.Prompt is { } prompt)
        {
            _interruptedPromptId = prompt.Prompt.PromptId;
        }

        // What was queued behind the interrupted prompt answered something the caller has moved past.
        _followUpPending = false;
        while (_queue.TryDequeue(out var dropped))
        {
            if (dropped.Command is { } command)
            {
                PublishPromptPlayed(command, heardText: string.Empty, interrupted: true, _now, TimeSpan.Zero);
            }
        }

        if (!bargeIn.AwaitingClear)
        {
            CompleteYield(bargeIn);
        }
    }

    /// <summary>Reports an interruption once what the caller heard is known.</summary>
    private void CompleteYield(BargeInState bargeIn)
    {
        _bargeIn = null;
        if (bargeIn.Prompt is { } prompt)
        {
            if (ReferenceEquals(_playing, prompt))
            {
                _playing = null;
            }

            ForgetMarks(prompt);
            int heard = Math.Clamp(prompt.Position, 0, prompt.Length);
            PublishPromptPlayed(prompt.Prompt.Command!, prompt.Prompt.Speech.HeardUpTo(heard), interrupted: true,
                prompt.StartedAt ?? _now, SamplesToTime(heard));
        }

        PublishBargeIn(bargeIn, bargeIn.YieldByDtmf ? BargeInKind.Dtmf : BargeInKind.Interruption, bargeIn.YieldTranscript);
    }

    private void OnQueueCleared(DateTimeOffset at, int framesDropped)
    {
        if (_bargeIn is not { AwaitingClear: true } bargeIn)
        {
            return;
        }

        bargeIn.AwaitingClear = false;
        bargeIn.OutputStoppedAt = at;
        if (bargeIn.Prompt is { } prompt)
        {
            // The dropped frames are the newest sent: first this prompt's, then the tail of any prompt before it.
            int dropped = Math.Max(0, framesDropped) * FrameSamples;
            int fromThis = Math.Min(dropped, prompt.Position);
            prompt.Position -= fromThis;
            int rest = dropped - fromThis;
            for (int i = _awaitingPlayout.Count - 1; i >= 0 && rest > 0; i--)
            {
                var earlier = _awaitingPlayout[i];
                int cut = Math.Min(rest, earlier.Length);
                rest -= cut;
                _awaitingPlayout.RemoveAt(i);
                ForgetMarks(earlier);
                int heard = earlier.Length - cut;
                PublishPromptPlayed(earlier.Prompt.Command!, earlier.Prompt.Speech.HeardUpTo(heard), interrupted: true,
                    earlier.StartedAt ?? at, SamplesToTime(heard));
            }
        }

        if (bargeIn.Yielded)
        {
            CompleteYield(bargeIn);
        }
    }

    private void OnFramePlayed(uint mark, DateTimeOffset at)
    {
        _echoReference.MarkPlayed(mark);
        if (!_marks.Remove(mark, out var target))
        {
            return;
        }

        var prompt = target.Prompt;
        if (target.First)
        {
            prompt.FirstPlayed = true;
            prompt.StartedAt = at;
            PublishTurnCompleted(prompt, at);
        }

        if (target.Last)
        {
            CompletePlayed(prompt, at);
        }
    }

    /// <summary>The answer's first frame is on the wire: the turn it answers is complete.</summary>
    private void PublishTurnCompleted(PromptPlayback prompt, DateTimeOffset firstAudioAt)
    {
        var command = prompt.Prompt.Command!;
        int index = command.InResponseTo is { } turnId ? _turns.FindIndex(turn => turn.TurnId == turnId) : -1;
        if (index < 0)
        {
            return;
        }

        var turn = _turns[index];
        _turns.RemoveAt(index);
        var completed = new TurnCompleted
        {
            CallId = CallId,
            OccurredAt = firstAudioAt,
            TurnId = turn.TurnId,
            Transcript = turn.Transcript,
            ResponsePromptId = command.PromptId,
            SpeechEndedAt = turn.SpeechEndedAt,
            EndOfTurnAt = turn.EndOfTurnAt,
            AsrFinalAt = turn.AsrFinalAt,
            DecidedAt = command.OccurredAt,
            FirstBotAudioAt = firstAudioAt,
        };
        _services.Telemetry.TurnAnswered(completed);
        _services.Events.Publish(completed);
    }

    /// <summary>A prompt played to its end: report it and do what it said to do next.</summary>
    private void CompletePlayed(PromptPlayback prompt, DateTimeOffset at)
    {
        _awaitingPlayout.Remove(prompt);
        ForgetMarks(prompt);
        var command = prompt.Prompt.Command!;
        PublishPromptPlayed(command, command.Text, interrupted: false, prompt.StartedAt ?? at, prompt.Prompt.Speech.Duration);
        switch (command.Then)
        {
            case PromptFollowUp.TransferToAgent:
                Send(new TransferRequest(command.TransferTarget, command.TransferContext));
                break;
            case PromptFollowUp.HangUp:
                Send(new HangUpRequest(16)); // Q.850 16: normal call clearing
                break;
            default:
                break;
        }
    }

    private void StartNextPrompt()
    {
        // Never over the caller: starting a prompt takes the floor and would drop the turn being spoken. The
        // prompt waits for the end of that turn (then plays, and the flow answers the new turn after it).
        if (_queue.Count == 0 || _followUpPending || _bargeIn is not null || _floor.State == FloorState.CallerSpeaking)
        {
            return;
        }

        if (_playing is { Prompt.Internal: true })
        {
            // A real answer cuts the filler short: it is what the filler was covering for.
            _playing = null;
        }

        if (_playing is null)
        {
            StartPrompt(_queue.Dequeue());
        }
    }

    private void StartPrompt(RenderedPrompt prompt)
    {
        _playing = new PromptPlayback(prompt);
        if (prompt.Command is { } command)
        {
            _followUpPending = command.Then != PromptFollowUp.Listen;
            _floor.OnPromptStarted(CurrentTick, command.Bargeable, command.Expect, command.Backchannels);
        }
    }

    /// <summary>The engine's own filler or "mhm": only into silence, and the floor is not told (it is not a turn).</summary>
    private bool PlayInternal(SpokenText speech)
    {
        if (_playing is not null || _queue.Count > 0 || _awaitingPlayout.Count > 0)
        {
            return false;
        }

        _playing = new PromptPlayback(new RenderedPrompt(null, speech));
        return true;
    }

    private void EmitFrame(PromptPlayback prompt)
    {
        var samples = new short[FrameSamples];
        var source = prompt.Prompt.Speech.Samples;
        int count = Math.Clamp(source.Length - prompt.Position, 0, FrameSamples);
        source.AsSpan(prompt.Position, count).CopyTo(samples);
        prompt.Position += count;

        bool first = !prompt.FirstEmitted;
        bool last = prompt.Position >= prompt.Length;
        prompt.FirstEmitted = true;
        if (first)
        {
            prompt.StartedAt ??= _now;
        }

        // Marks on a prompt's first and last frames time the turn and its follow-up; every EchoReference.AlignEveryFrames
        // one more keeps the echo reference lined up with what the gateway really played.
        bool reported = !prompt.Prompt.Internal && (first || last);
        uint mark = reported || prompt.FramesEmitted % EchoReference.AlignEveryFrames == 0 ? NextMark() : 0;
        if (reported)
        {
            _marks[mark] = new MarkTarget(prompt, first, last);
        }

        prompt.FramesEmitted++;
        Send(new BotFrame(samples, mark));
        _echoReference.Sent(samples, mark);
    }

    private void FinishEmission(PromptPlayback prompt)
    {
        _playing = null;
        if (prompt.Prompt.Internal)
        {
            return;
        }

        prompt.AllEmittedTick = _engineTick;
        _awaitingPlayout.Add(prompt);
        _floor.OnPromptFinished(CurrentTick);
    }

    private void ForgetMarks(PromptPlayback prompt)
    {
        foreach (var (mark, target) in _marks)
        {
            if (ReferenceEquals(target.Prompt, prompt))
            {
                _marks.Remove(mark);
            }
        }
    }

    private uint NextMark()
    {
        _lastMark = _lastMark == uint.MaxValue ? 1 : _lastMark + 1;
        return _lastMark;
    }

    private void PublishTurn(CallerTurn turn)
    {
        var speechStarted = TimeOf(turn.SpeechStartTick);
        var speechEnded = TimeOf(turn.SpeechEndTick);
        var asrFinal = TimeOf(turn.AsrFinalTick);
        var decided = TimeOf(turn.DecisionTick);
        string reason = ReasonName(turn.Reason);
        string? interrupted = null;
        if (turn.Interrupted)
        {
            interrupted = _interruptedPromptId;
            _interruptedPromptId = null;
        }

        var turnId = Guid.NewGuid();
        _turns.Add(new RememberedTurn(turnId, turn.Transcript, speechEnded, decided, asrFinal));
        if (_turns.Count > MaxRememberedTurns)
        {
            _turns.RemoveAt(0);
        }

        _services.Telemetry.TurnEnded(reason, decided - speechEnded, asrFinal - speechEnded);
        using (var activity = RuntimeTelemetry.Activities.StartActivity("caller turn", ActivityKind.Internal, parentContext: default, startTime: speechStarted))
        {
            activity?.SetTag("contactcenter.turn.reason", reason);
            activity?.SetTag("contactcenter.turn.interrupted", turn.Interrupted);
            activity?.SetEndTime(decided.UtcDateTime);
        }

        _services.Events.Publish(new UtteranceRecognized
        {
            CallId = CallId,
            OccurredAt = decided,
            TurnId = turnId,
            Transcript = turn.Transcript,
            Confidence = turn.Confidence,
            SpeechStartedAt = speechStarted,
            SpeechEndedAt = speechEnded,
            AsrFinalAt = asrFinal,
            EndOfTurnReason = reason,
            InterruptedPromptId = interrupted,
        });
    }

    private void PublishBargeIn(BargeInState bargeIn, BargeInKind kind, string? transcript)
    {
        var onset = TimeOf(bargeIn.OnsetTick);
        _services.Telemetry.BargeIn(kind, bargeIn.DecidedAt - onset, bargeIn.OutputStoppedAt - onset);
        _services.Events.Publish(new BargeInDetected
        {
            CallId = CallId,
            OccurredAt = _now,
            PromptId = bargeIn.Prompt?.Prompt.PromptId ?? string.Empty,
            Kind = kind,
            Transcript = transcript,
            OnsetAt = onset,
            DecidedAt = bargeIn.DecidedAt,
            OutputStoppedAt = bargeIn.OutputStoppedAt,
        });
    }

    private void PublishPromptPlayed(SpeakPrompt command, string heardText, bool interrupted, DateTimeOffset startedAt, TimeSpan played) =>
        _services.Events.Publish(new PromptPlayed
        {
            CallId = CallId,
            OccurredAt = _now,
            PromptId = command.PromptId,
            Text = command.Text,
            HeardText = heardText,
            Interrupted = interrupted,
            StartedAt = startedAt,
            PlayedDuration = played,
        });

    private void Send(CallOutput output)
    {
        if (!Call.OutputWriter.TryWrite(output))
        {
            // 30 s of output unread: the transport is stuck. Failing the call lets the gateway fall back.
            throw new InvalidOperationException($"Call {CallId}: the transport stopped reading the engine's output.");
        }
    }

    private DateTimeOffset TimeOf(long tick) => _ring.TimeOf(tick, _now);

    private static TimeSpan SamplesToTime(int samples) => TimeSpan.FromSeconds(samples / (double)AudioFrame.SampleRate);

    private static string ReasonName(EndOfTurnReason reason) => reason switch
    {
        EndOfTurnReason.Complete => "complete",
        EndOfTurnReason.Silence => "silence",
        EndOfTurnReason.IncompleteTimeout => "incomplete-timeout",
        EndOfTurnReason.MaxDuration => "max-duration",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
