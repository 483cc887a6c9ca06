using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// Per-call floor control (DESIGN §2): a small explicit state machine fed one frame per 20 ms tick.
/// Not thread-safe: the engine's tick thread owns it. Deterministic: it reads no clock, only the ticks it is given.
/// </summary>
/// <remarks>
/// <para>End of turn is predicted, not timed: ASR starts speculatively on the first silence frame after speech, and
/// its transcript, judged by <see cref="EndOfTurnPredictor"/> against what the last prompt asked for, picks how much
/// silence ends the turn (VoiceXML 2.0 §6.3.2 completetimeout vs incompletetimeout).</para>
/// <para>Barge-in: speech over a bargeable prompt pauses it at once; a short utterance is transcribed and, when it is a
/// backchannel (<see cref="BackchannelLexicon"/>) or nothing at all, the prompt resumes where it paused; anything
/// else, or speech too long to be a backchannel, yields the floor and becomes an interrupting caller turn.</para>
/// <para>The engine plays fillers (<see cref="PlayFiller"/>) and the bot's own backchannels (<see cref="SayBackchannel"/>)
/// without calling <see cref="OnPromptStarted"/>: they do not change who has the floor.</para>
/// </remarks>
public sealed class FloorController
{
    private readonly FloorOptions _options;
    private FloorState _state = FloorState.Listening;

    // What the last prompt asked for and allowed.
    private Expectation _expect = Expectation.Open;
    private bool _bargeable;
    private bool _botBackchannels;
    private bool _promptFinishedWhilePaused;

    // Runs of consecutive speech or silence frames in the current state.
    private int _speechRun;
    private long _speechRunStart;
    private int _silenceRun;

    // The caller turn being built (CallerSpeaking), or the speech over the bot (BotPaused: _turnStart is its onset).
    private long _turnStart;
    private long _lastSpeech;
    private bool _interrupted;
    private FloorState _stateBeforeTurn;
    private bool _maxDurationAsked;
    private long _previousTurnEnd = -1;
    private long? _lastBotBackchannel;

    // The one transcript request that counts; older ones are stale.
    private long _nextRequestId = 1;
    private long _pendingRequest;
    private Recognition? _transcript;
    private long _asrFinalTick;
    private Completeness _completeness;

    // AwaitingResponse.
    private long _awaitSince;
    private bool _fillerPlayed;

    public FloorController(FloorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public FloorState State => _state;

    /// <summary>One caller frame; appends what to do to <paramref name="actions"/>.</summary>
    public void OnFrame(FloorFrame frame, List<FloorAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        switch (_state)
        {
            case FloorState.Listening:
                OnListeningFrame(frame);
                break;
            case FloorState.AwaitingResponse:
                OnAwaitingFrame(frame, actions);
                break;
            case FloorState.CallerSpeaking:
                OnCallerFrame(frame, actions);
                break;
            case FloorState.BotSpeaking:
                OnBotSpeakingFrame(frame, actions);
                break;
            case FloorState.BotPaused:
                OnBotPausedFrame(frame, actions);
                break;
            default:
                throw new InvalidOperationException($"Unknown floor state {_state}.");
        }
    }

    /// <summary>
    /// The bot started a prompt; <paramref name="expect"/> applies to the caller's next answer. The bot takes the floor
    /// whatever the state: a caller turn still being built is dropped (the engine should not start a prompt over it).
    /// </summary>
    public void OnPromptStarted(long tick, bool bargeable, Expectation expect, bool backchannels)
    {
        _expect = expect ?? Expectation.Open;
        _bargeable = bargeable;
        _botBackchannels = backchannels;
        _promptFinishedWhilePaused = false;
        Enter(FloorState.BotSpeaking);
    }

    /// <summary>The prompt's last frame was handed out. While paused, the floor remembers it for when the pause ends.</summary>
    public void OnPromptFinished(long tick)
    {
        if (_state == FloorState.BotSpeaking)
        {
            Enter(FloorState.Listening);
        }
        else if (_state == FloorState.BotPaused)
        {
            _promptFinishedWhilePaused = true;
        }
    }

    /// <summary>A transcript asked for by <see cref="RequestAsr"/> arrived (stale ones are ignored).</summary>
    public void OnTranscript(long requestId, long tick, Recognition heard, List<FloorAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (requestId == 0 || requestId != _pendingRequest)
        {
            return;
        }

        _pendingRequest = 0;
        heard = heard with { Text = heard.Text?.Trim() ?? "" };
        switch (_state)
        {
            case FloorState.CallerSpeaking:
                OnTurnTranscript(tick, heard, actions);
                break;
            case FloorState.BotPaused:
                OnBackchannelTranscript(tick, heard, actions);
                break;
            default:
                // Every way out of those two states drops the pending request, so nothing else can be waiting.
                break;
        }
    }

    /// <summary>
    /// A keypad press: stops a bargeable prompt like speech does, and yields at once (a key press is never a
    /// backchannel). When speech had already paused the prompt, the yield is at that pause. Otherwise the flow handles digits.
    /// </summary>
    public void OnDtmf(long tick, char digit, List<FloorAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        long pausedAt = _turnStart;
        if (_state == FloorState.BotSpeaking && _bargeable)
        {
            actions.Add(new PauseBot(tick));
            pausedAt = tick;
        }
        else if (_state != FloorState.BotPaused)
        {
            return;
        }

        actions.Add(new YieldFloor(pausedAt, null, ByDtmf: true));
        Enter(FloorState.Listening);
    }

    private void OnListeningFrame(FloorFrame frame)
    {
        if (CountOnset(frame, _options.OnsetFrames))
        {
            StartTurn(_speechRunStart, frame.Tick, interrupted: false, FloorState.Listening);
        }
    }

    private void OnAwaitingFrame(FloorFrame frame, List<FloorAction> actions)
    {
        if (CountOnset(frame, _options.OnsetFrames))
        {
            // The previous turn was already published: this is a new one (an afterthought, a correction).
            StartTurn(_speechRunStart, frame.Tick, interrupted: false, FloorState.AwaitingResponse);
            return;
        }

        if (!_fillerPlayed && frame.Tick - _awaitSince >= _options.FillerAfterFrames)
        {
            _fillerPlayed = true;
            actions.Add(new PlayFiller());
        }
    }

    private void OnCallerFrame(FloorFrame frame, List<FloorAction> actions)
    {
        if (_maxDurationAsked)
        {
            // The turn is over in all but its transcript; what the caller says now becomes the next turn.
            return;
        }

        if (frame.Speech)
        {
            NoteSpeech(frame.Tick);
        }
        else
        {
            _silenceRun++;
        }

        if (frame.Tick - _turnStart + 1 >= _options.MaxTurnFrames)
        {
            _maxDurationAsked = true;
            RequestTranscript(AsrPurpose.EndOfTurn, actions);
            return;
        }

        if (frame.Speech)
        {
            return;
        }

        if (_silenceRun == 1)
        {
            // Speculative: by the time enough silence has passed, the transcript is already in.
            RequestTranscript(AsrPurpose.EndOfTurn, actions);
        }
        else if (!TryEndTurn(frame.Tick, actions))
        {
            MaybeSayBackchannel(frame.Tick, actions);
        }
    }

    private void OnBotSpeakingFrame(FloorFrame frame, List<FloorAction> actions)
    {
        // A prompt that is not bargeable (a legal disclosure) plays to its end whatever the caller says.
        if (_bargeable && CountOnset(frame, _options.BargeInOnsetFrames))
        {
            actions.Add(new PauseBot(_speechRunStart));
            long onset = _speechRunStart;
            Enter(FloorState.BotPaused);
            _turnStart = onset;
            _lastSpeech = frame.Tick;
        }
    }

    private void OnBotPausedFrame(FloorFrame frame, List<FloorAction> actions)
    {
        if (frame.Speech)
        {
            NoteSpeech(frame.Tick);
            if (frame.Tick - _turnStart + 1 > _options.BackchannelMaxFrames)
            {
                // Too long for "mhm": a real interruption, whatever it turns out to say.
                actions.Add(new YieldFloor(_turnStart, null, ByDtmf: false));
                StartTurn(_turnStart, frame.Tick, interrupted: true, FloorState.Listening);
            }

            return;
        }

        _silenceRun++;
        if (_silenceRun == Math.Max(1, _options.BackchannelSilenceFrames))
        {
            RequestTranscript(AsrPurpose.Backchannel, actions);
        }
    }

    private void OnTurnTranscript(long tick, Recognition heard, List<FloorAction> actions)
    {
        if (heard.Text.Length == 0 && _lastSpeech - _turnStart + 1 < _options.UnrecognisedTurnFrames)
        {
            // Noise that VAD took for speech (a cough, a door): no turn. An interruption cannot go back to its prompt,
            // which the engine already abandoned; a turn over an awaited answer goes back to waiting for it.
            Enter(_interrupted ? FloorState.Listening : _stateBeforeTurn);
            return;
        }

        // Longer speech ASR made nothing of is still the caller's turn: it ends with an empty transcript, so the flow
        // answers (its fallback asks again) instead of leaving the caller in silence.

        SetTranscript(tick, heard);
        if (_maxDurationAsked)
        {
            FinishTurn(tick, EndOfTurnReason.MaxDuration, actions);
            return;
        }

        TryEndTurn(tick, actions);
    }

    private void OnBackchannelTranscript(long tick, Recognition heard, List<FloorAction> actions)
    {
        string text = heard.Text;
        if (text.Length == 0 || BackchannelLexicon.IsBackchannel(text) || heard.CouldBeBackchannel(_options.BackchannelLikelihoodRatio))
        {
            // "mhm", a word ASR could as well have heard as "mhm", or nothing at all (a click, a cough): carry on
            // where the prompt paused.
            actions.Add(new ResumeBot(text));
            Enter(_promptFinishedWhilePaused ? FloorState.Listening : FloorState.BotSpeaking);
            return;
        }

        // Short but with content ("no, wait"): an interruption, already transcribed. The silence since it ended
        // counts towards its end of turn, as for any speculative transcript.
        actions.Add(new YieldFloor(_turnStart, text, ByDtmf: false));
        int silence = _silenceRun;
        StartTurn(_turnStart, _lastSpeech, interrupted: true, FloorState.Listening);
        _silenceRun = silence;
        SetTranscript(tick, heard);
        TryEndTurn(tick, actions);
    }

    /// <summary>Debounces an onset: true on the <paramref name="needed"/>-th consecutive speech frame.</summary>
    private bool CountOnset(FloorFrame frame, int needed)
    {
        if (!frame.Speech)
        {
            _speechRun = 0;
            return false;
        }

        if (_speechRun++ == 0)
        {
            _speechRunStart = frame.Tick;
        }

        return _speechRun >= needed;
    }

    /// <summary>Speech after a pause makes the transcript of the speech before it stale.</summary>
    private void NoteSpeech(long tick)
    {
        if (_silenceRun > 0)
        {
            _silenceRun = 0;
            _pendingRequest = 0;
            _transcript = null;
        }

        _lastSpeech = tick;
    }

    private void StartTurn(long start, long lastSpeech, bool interrupted, FloorState before)
    {
        Enter(FloorState.CallerSpeaking);
        _turnStart = start;
        _lastSpeech = lastSpeech;
        _interrupted = interrupted;
        _stateBeforeTurn = before;
        _lastBotBackchannel = null;
    }

    private void RequestTranscript(AsrPurpose purpose, List<FloorAction> actions)
    {
        // The pre-roll never reaches back into the previous turn's speech, which was transcribed already.
        long from = Math.Max(Math.Max(_turnStart - _options.AsrPrerollFrames, _previousTurnEnd + 1), 0);
        _pendingRequest = _nextRequestId++;
        _transcript = null;
        actions.Add(new RequestAsr(_pendingRequest, from, _lastSpeech, purpose));
    }

    private void SetTranscript(long tick, Recognition heard)
    {
        _transcript = heard;
        _asrFinalTick = tick;
        _completeness = EndOfTurnPredictor.Judge(heard.Text, _expect);
    }

    private int SilenceNeeded() => _completeness switch
    {
        Completeness.Complete => _options.CompleteSilenceFrames,
        Completeness.Incomplete => _options.IncompleteSilenceFrames,
        _ => _options.SilenceFrames,
    };

    private bool TryEndTurn(long tick, List<FloorAction> actions)
    {
        if (_transcript is null || _silenceRun < SilenceNeeded())
        {
            return false;
        }

        FinishTurn(tick, _completeness switch
        {
            Completeness.Complete => EndOfTurnReason.Complete,
            Completeness.Incomplete => EndOfTurnReason.IncompleteTimeout,
            _ => EndOfTurnReason.Silence,
        }, actions);
        return true;
    }

    private void FinishTurn(long tick, EndOfTurnReason reason, List<FloorAction> actions)
    {
        actions.Add(new EndTurn(new CallerTurn(_transcript!.Value.Text, _transcript.Value.Confidence, _turnStart, _lastSpeech, _asrFinalTick, tick, reason, _interrupted)));
        _previousTurnEnd = _lastSpeech;
        Enter(FloorState.AwaitingResponse);
        _awaitSince = tick;
        _fillerPlayed = false;
    }

    /// <summary>
    /// The bot's "mhm" in a long caller turn: only when the prompt enabled it, in a natural pause (not right away, not so
    /// late that it collides with the end of turn), when the caller does not sound done, and not more often than
    /// <see cref="FloorOptions.BotBackchannelAfterFrames"/>.
    /// </summary>
    private void MaybeSayBackchannel(long tick, List<FloorAction> actions)
    {
        int after = _options.BotBackchannelAfterFrames;
        if (!_botBackchannels
            || _transcript is null
            || _completeness == Completeness.Complete
            || _silenceRun < _options.BotBackchannelPauseFrames
            || _silenceRun > _options.BotBackchannelLatestFrames
            || _lastSpeech - _turnStart + 1 < after
            || (_lastBotBackchannel is long last && tick - last < after))
        {
            return;
        }

        _lastBotBackchannel = tick;
        actions.Add(new SayBackchannel());
    }

    /// <summary>Every transition goes through here: runs restart and any transcript still pending becomes stale.</summary>
    private void Enter(FloorState state)
    {
        _state = state;
        _speechRun = 0;
        _silenceRun = 0;
        _pendingRequest = 0;
        _transcript = null;
        _maxDurationAsked = false;
    }
}
