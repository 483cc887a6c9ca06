using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Media.Playout;
using ContactCenter.ModelRuntime.Conversation;
using ContactCenter.ModelRuntime.Floor;
using ContactCenter.ModelRuntime.Models;
using ContactCenter.ModelRuntime.Options;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.ModelRuntime.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// The full-duplex engine (DESIGN §2): one 20 ms tick for all live calls, one batched inference step per
/// model per tick, floor control per call. Hosted as a background service.
/// <para>
/// Each tick, on one thread with absolute deadlines (start + n x 20 ms, like the gateway's playout clock, and
/// SCHED_FIFO where permitted): admit opened calls and route prompts; per call, act on control and
/// echo-cancel each caller frame against the bot frame played with it; run Silero once, batched, over every
/// call with a window ready; feed each frame's speech flag to the call's floor controller and act on what it
/// asks (pause, resume, yield, ASR, end of turn, filler); apply transcripts back from the ASR thread; send
/// each speaking call's bot audio; drop ended calls. ASR runs beside the tick on its own thread, batching
/// whatever requests are pending into one Moonshine run; text-to-speech runs on the caller of
/// <see cref="Speak"/> (the bus), never on the tick. With many calls, the per-call steps (echo cancellation,
/// playout) are shared over <see cref="ModelRuntimeOptions.EngineThreads"/>; inference stays one batch per tick.
/// </para>
/// <para>
/// Bot audio keeps the gateway's queue at <see cref="ModelRuntimeOptions.OutputLeadFrames"/> frames: the lead at once
/// when a prompt starts or resumes, then one frame for each caller frame the gateway sent (it sends one per playout
/// tick), so the gateway's clock, not ours, paces the output and the two never drift apart. The same queue,
/// mirrored here, says which bot frame was playing when each caller frame was recorded: the echo reference.
/// Marks on a prompt's first and last frames come back as FramePlayed: when the answer reached the wire
/// (TurnCompleted) and when a transfer or hang-up may follow it.
/// </para>
/// <para>
/// A failure in one call ends that call's session (its output completes with the error, so the transport fails
/// the stream and the gateway falls back) but never the tick or any other call.
/// </para>
/// </summary>
public sealed class DuplexEngine : IHostedService, IDisposable
{
    /// <summary>The tick: one 20 ms audio frame.</summary>
    public static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// SCHED_FIFO priority of the tick thread where permitted: low among real-time threads, below the gateway's playout
    /// clock (10), whose pacing matters more, but above the ASR worker, the bus and gRPC, which it must never queue behind.
    /// </summary>
    internal const int RealtimePriority = 5;

    private readonly ModelRuntimeOptions _options;
    private readonly SileroVad _vad;
    private readonly MoonshineAsr _asr;
    // BackchannelLexicon.Spellings as Moonshine's tokens, to score a clip against.
    private readonly List<int[]> _backchannelSpellings;
    private readonly PromptCache _prompts;
    private readonly RuntimeTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EngineServices _services;
    private readonly bool _inlineAsr;
    private readonly ConcurrentQueue<CallSession> _admissions = new();
    private readonly ConcurrentQueue<RenderedPrompt> _incomingPrompts = new();
    private readonly ConcurrentQueue<AsrResult> _asrResults = new();
    private readonly List<CallSession> _sessions = [];
    private readonly Dictionary<Guid, CallSession> _byCallId = [];
    private readonly Dictionary<Guid, List<(RenderedPrompt Prompt, DateTimeOffset Expires)>> _pendingPrompts = [];
    private readonly List<AsrRequest> _inlineRequests = [];
    private readonly List<VadStream> _vadBatch = [];
    private readonly List<CallSession> _vadSessions = [];
    private readonly ParallelOptions _parallel;
    private readonly ConditionalWeakTable<SpokenText, SpokenText> _prepared = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private Thread? _thread;
    private AsrWorker? _worker;
    private long _tick;
    private bool _disposed;

    /// <summary>The engine as the host builds it: ASR on its own thread, the tick started by <see cref="StartAsync"/>.</summary>
    public DuplexEngine(
        IOptions<ModelRuntimeOptions> options,
        SileroVad vad,
        MoonshineAsr asr,
        PromptCache prompts,
        IConversationEvents events,
        RuntimeTelemetry telemetry,
        TimeProvider time,
        ILogger<DuplexEngine> logger)
        : this(options.Value, vad, asr, prompts, events, telemetry, time, logger, inlineAsr: false)
    {
    }

    /// <summary>
    /// With <paramref name="inlineAsr"/>, transcripts are computed on the tick itself, right after the floor asks
    /// for them, so a test driving <see cref="RunTick"/> sees the same result on the same tick every run.
    /// </summary>
    internal DuplexEngine(
        ModelRuntimeOptions options,
        SileroVad vad,
        MoonshineAsr asr,
        PromptCache prompts,
        IConversationEvents events,
        RuntimeTelemetry telemetry,
        TimeProvider time,
        ILogger logger,
        bool inlineAsr)
    {
        _options = options;
        _vad = vad;
        _asr = asr;
        _backchannelSpellings = [.. BackchannelLexicon.Spellings.Select(asr.Vocabulary.Encode)];
        _prompts = prompts;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _inlineAsr = inlineAsr;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EngineThreads > 0 ? options.EngineThreads : Environment.ProcessorCount };

        // Rendered now (start-up), so the tick never waits for flite when a turn runs late.
        _services = new EngineServices(options, events, telemetry, Render(options.FillerText), Render(options.BackchannelText),
            SubmitAsr, logger);
    }

    /// <summary>Engine ticks run so far.</summary>
    public long Ticks => Interlocked.Read(ref _tick);

    /// <summary>True while the tick thread runs.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Registers a call; its session runs from the next tick. Thread-safe.</summary>
    public EngineCall Open(CallStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var call = new EngineCall(start);
        var session = new CallSession(call, _vad.CreateStream(), _services);
        _admissions.Enqueue(session);
        _logger.LogInformation("Call {CallId} opened on the engine (from {From} to {Called})", start.CallId, start.From, start.CalledNumber);
        return call;
    }

    /// <summary>
    /// Says <paramref name="prompt"/> on its call after what is already playing there. Thread-safe. The text is
    /// rendered (or found in the prompt cache) on the calling thread, never on the tick. A prompt for a call
    /// whose stream is not open yet is held for <see cref="ModelRuntimeOptions.PendingPromptTimeout"/>: the
    /// flow's greeting can race the gateway's stream.
    /// </summary>
    public void Speak(SpeakPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        _incomingPrompts.Enqueue(new RenderedPrompt(prompt, Render(prompt.Text)));
    }

    /// <summary>
    /// The prompt as it will be played: rendered (cached), trimmed of flite's edge silence and brought to
    /// <see cref="ModelRuntimeOptions.PromptLevelDbfs"/> (<see cref="PromptAudio"/>); the prepared copy is kept as long
    /// as the cache keeps the rendering.
    /// </summary>
    internal SpokenText Render(string text)
    {
        var speech = _prompts.Get(text);
        return _prepared.GetValue(speech, rendered => PromptAudio.Prepare(rendered, _options.PromptLevelDbfs));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null)
            {
                return Task.CompletedTask;
            }

            if (!_inlineAsr)
            {
                _worker = new AsrWorker(Transcribe, _asrResults.Enqueue, _options.AsrMaxBatch, _logger);
            }

            _stop = new CancellationTokenSource();
            _thread = new Thread(RunLoop)
            {
                IsBackground = true,
                Name = "Duplex engine tick",
                Priority = ThreadPriority.Highest,
            };
            _thread.Start();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the tick; calls still open end with an error so their gateways fall back.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Thread? thread;
        lock (_gate)
        {
            thread = _thread;
            _stop?.Cancel();
        }

        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        lock (_gate)
        {
            _worker?.Dispose();
            _worker = null;
            _thread = null;
            _stop?.Dispose();
            _stop = null;
        }

        var stopping = new OperationCanceledException("The model runtime is stopping.");
        while (_admissions.TryDequeue(out var admitted))
        {
            _sessions.Add(admitted);
        }

        foreach (var session in _sessions)
        {
            session.Complete(stopping);
            session.Dispose();
        }

        _sessions.Clear();
        _byCallId.Clear();
        _telemetry.ActiveCalls = 0;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _disposed = true;
    }

    /// <summary>
    /// One tick over every call, synchronously. The tick thread loops on this; tests call it directly (with
    /// inline ASR and a fake clock) to drive the engine frame by frame.
    /// </summary>
    internal void RunTick()
    {
        long started = Stopwatch.GetTimestamp();
        long tick = Interlocked.Increment(ref _tick);
        var now = _time.GetUtcNow();
        Admit();
        RoutePrompts(now);

        foreach (var session in _sessions)
        {
            session.BeginTick(tick, now);
        }

        ForEachSession(static s => s.DrainInput());

        RunVad();
        foreach (var session in _sessions)
        {
            if (!session.Ended)
            {
                Guard(session, static s => s.ApplyFrames());
            }
        }

        ApplyAsrResults();
        if (_inlineAsr)
        {
            RunInlineAsr();
        }

        ForEachSession(static s =>
        {
            s.Emit();
            s.CheckTimeouts();
        });

        RemoveEnded();
        _telemetry.ActiveCalls = _sessions.Count;
        _telemetry.Tick(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Observes every caller frame as the floor is fed it (tests and diagnostics); called on the tick thread.</summary>
    internal Action<FrameTrace>? FrameTrace
    {
        get => _services.Trace;
        set => _services.Trace = value;
    }

    /// <summary>The floor state of an open call (tests and diagnostics); null when the engine does not serve it.</summary>
    internal FloorState? FloorStateOf(Guid callId) => _byCallId.TryGetValue(callId, out var session) ? session.FloorState : null;

    private void RunLoop()
    {
        var token = _stop!.Token;
        var clock = StopwatchPlayoutClock.Instance;
        bool realtime = LinuxRealtimeScheduling.TryEnableForCurrentThread(RealtimePriority);
        _logger.LogInformation("Duplex engine started: {Period} ms ticks, {Scheduling} scheduling, VAD on {VadDevice}, ASR on {AsrDevice}",
            TickPeriod.TotalMilliseconds, realtime ? "real-time (SCHED_FIFO)" : "normal (no CAP_SYS_NICE)",
            _vad.OnGpu ? "GPU" : "CPU", _asr.OnGpu ? "GPU" : "CPU");
        double period = TickPeriod.TotalSeconds * clock.Frequency;
        long start = clock.GetTimestamp();
        long n = 0;
        while (!token.IsCancellationRequested)
        {
            long deadline = start + (long)Math.Round(n * period);
            clock.WaitUntil(deadline, token);
            if (token.IsCancellationRequested)
            {
                break;
            }

            long behind = (long)Math.Floor((clock.GetTimestamp() - deadline) / period);
            if (behind >= 1)
            {
                // A whole period late: skip the missed deadlines rather than run ticks back to back. No audio is
                // lost: the next tick drains every caller frame that queued, and output follows the frames played.
                _telemetry.TickOverruns(behind);
                _logger.LogWarning("Engine tick fell {Behind} period(s) behind; skipped them", behind);
                n += behind;
            }

            try
            {
                RunTick();
            }
            catch (Exception error)
            {
                // Per-call failures are caught inside; this is the engine's own bug. The clock must go on.
                _logger.LogError(error, "Engine tick {Tick} failed", Ticks);
            }

            n++;
        }
    }

    private void Admit()
    {
        while (_admissions.TryDequeue(out var session))
        {
            if (_byCallId.TryGetValue(session.CallId, out var previous))
            {
                // The gateway reopened the stream (e.g. after a transport hiccup): the new stream replaces the old.
                _logger.LogWarning("Call {CallId} opened again; its previous stream is closed", session.CallId);
                Fail(previous, new InvalidOperationException("The call's stream was opened again."));
                _sessions.Remove(previous);
                previous.Dispose();
            }

            _sessions.Add(session);
            _byCallId[session.CallId] = session;
            if (_pendingPrompts.Remove(session.CallId, out var pending))
            {
                foreach (var (prompt, _) in pending)
                {
                    session.Enqueue(prompt);
                }
            }
        }
    }

    private void RoutePrompts(DateTimeOffset now)
    {
        while (_incomingPrompts.TryDequeue(out var prompt))
        {
            var callId = prompt.Command!.CallId;
            if (_byCallId.TryGetValue(callId, out var session))
            {
                session.Enqueue(prompt);
                continue;
            }

            if (!_pendingPrompts.TryGetValue(callId, out var pending))
            {
                pending = [];
                _pendingPrompts[callId] = pending;
            }

            pending.Add((prompt, now + _options.PendingPromptTimeout));
        }

        if (_pendingPrompts.Count == 0)
        {
            return;
        }

        foreach (var (callId, pending) in _pendingPrompts)
        {
            int expired = pending.RemoveAll(entry => entry.Expires <= now);
            if (expired > 0)
            {
                _logger.LogWarning("{Count} prompt(s) for call {CallId} dropped: its stream did not open within {Timeout}", expired, callId, _options.PendingPromptTimeout);
            }

            if (pending.Count == 0)
            {
                _pendingPrompts.Remove(callId);
            }
        }
    }

    /// <summary>
    /// Silero over every call at once. A call with several frames this tick (transport jitter) gets them pass by
    /// pass, so each frame is judged by the window that ends in it; a pass is one batched run (at most one
    /// window fits in a 160-sample frame, so one run per pass in practice).
    /// </summary>
    private void RunVad()
    {
        int passes = 0;
        foreach (var session in _sessions)
        {
            if (!session.Ended)
            {
                passes = Math.Max(passes, session.FramesThisTick);
            }
        }

        for (int pass = 0; pass < passes; pass++)
        {
            _vadSessions.Clear();
            foreach (var session in _sessions)
            {
                if (!session.Ended && pass < session.FramesThisTick)
                {
                    try
                    {
                        session.Vad.Append(session.FrameAudio(pass));
                        _vadSessions.Add(session);
                    }
                    catch (Exception error)
                    {
                        Fail(session, error);
                    }
                }
            }

            RunReadyWindows();
            foreach (var session in _vadSessions)
            {
                if (!session.Ended)
                {
                    session.SetProbability(pass, session.Vad.Probability);
                }
            }
        }
    }

    private void RunReadyWindows()
    {
        while (true)
        {
            _vadBatch.Clear();
            foreach (var session in _vadSessions)
            {
                if (!session.Ended && session.Vad.WindowReady)
                {
                    _vadBatch.Add(session.Vad);
                }
            }

            if (_vadBatch.Count == 0)
            {
                return;
            }

            try
            {
                _vad.Run(_vadBatch);
            }
            catch (Exception batchError)
            {
                // Which call broke the batch? Run each alone: the culprit fails, the others go on.
                _logger.LogError(batchError, "Batched VAD over {Count} calls failed; retrying call by call", _vadBatch.Count);
                foreach (var session in _vadSessions)
                {
                    if (!session.Ended && session.Vad.WindowReady)
                    {
                        try
                        {
                            _vad.Run([session.Vad]);
                        }
                        catch (Exception error)
                        {
                            Fail(session, error);
                        }
                    }
                }
            }
        }
    }

    private void SubmitAsr(AsrRequest request)
    {
        if (_inlineAsr)
        {
            _inlineRequests.Add(request);
        }
        else if (_worker is { } worker)
        {
            worker.Submit(request);
        }
        else
        {
            // Not started (a test driving ticks without inline ASR): answer on the next tick's results.
            foreach (var result in Transcribe([request]))
            {
                _asrResults.Enqueue(result);
            }
        }
    }

    private void RunInlineAsr()
    {
        // Applying a transcript can ask for another (rarely); loop until the floor is satisfied.
        for (int round = 0; round < 4 && _inlineRequests.Count > 0; round++)
        {
            var batch = new List<AsrRequest>(_inlineRequests);
            _inlineRequests.Clear();
            foreach (var result in Transcribe(batch))
            {
                ApplyAsrResult(result);
            }
        }
    }

    private void ApplyAsrResults()
    {
        while (_asrResults.TryDequeue(out var result))
        {
            ApplyAsrResult(result);
        }
    }

    private void ApplyAsrResult(AsrResult result)
    {
        var session = result.Session;
        if (session.Ended || !_byCallId.TryGetValue(session.CallId, out var current) || !ReferenceEquals(current, session))
        {
            return;
        }

        if (result.Error is { } asrError)
        {
            Fail(session, asrError);
            return;
        }

        try
        {
            session.ApplyTranscript(result.RequestId, result.Heard);
        }
        catch (Exception error)
        {
            Fail(session, error);
        }
    }

    /// <summary>
    /// One batched Moonshine run over the requests (any thread). Clips too short to hold a word skip the model.
    /// When the batch fails, each clip runs alone so only the call whose clip fails loses its session.
    /// </summary>
    private List<AsrResult> Transcribe(List<AsrRequest> requests)
    {
        const int MinSamples = 800; // 100 ms at 8 kHz: shorter than any word
        var results = new List<AsrResult>(requests.Count);
        var batch = new List<AsrRequest>(requests.Count);
        foreach (var request in requests)
        {
            if (request.Audio.Length < MinSamples)
            {
                results.Add(new AsrResult(request.Session, request.RequestId, Recognition.Nothing, null));
            }
            else
            {
                batch.Add(request);
            }
        }

        if (batch.Count == 0)
        {
            return results;
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            var clips = batch.Select(request => MoonshineAsr.PrepareTelephoneAudio(request.Audio)).ToList();
            var heard = _asr.Recognize(clips);
            _telemetry.AsrBatch(batch.Count, Stopwatch.GetElapsedTime(started));
            for (int i = 0; i < batch.Count; i++)
            {
                var recognition = heard[i];
                if (batch[i].Purpose == AsrPurpose.Backchannel && recognition.Text.Length > 0
                    && !BackchannelLexicon.IsBackchannel(recognition.Text))
                {
                    // Misheard "Yeah." ("You have.") still scores about as well as "Yeah." as it does as what was
                    // heard; a real "Stop." scores far worse (docs/benchmarks.md, the floor corpus).
                    double best = _asr.Score(clips[i], _backchannelSpellings).Max();
                    recognition = recognition with { BackchannelConfidence = Math.Exp(best) };
                }

                results.Add(new AsrResult(batch[i].Session, batch[i].RequestId, recognition, null));
            }
        }
        catch (Exception batchError) when (batch.Count > 1)
        {
            _logger.LogError(batchError, "Batched ASR over {Count} clips failed; retrying clip by clip", batch.Count);
            foreach (var request in batch)
            {
                results.AddRange(Transcribe([request]));
            }
        }
        catch (Exception error)
        {
            results.Add(new AsrResult(batch[0].Session, batch[0].RequestId, Recognition.Nothing, error));
        }

        return results;
    }

    /// <summary>
    /// Runs a per-call step over every live call. Beyond <see cref="ParallelCalls"/> calls the calls are split in
    /// contiguous shares over <see cref="ModelRuntimeOptions.EngineThreads"/> threads (the tick thread takes one):
    /// echo cancellation is about 30 µs a call, so 2,000 calls on one thread would not fit in a tick. Each call's
    /// step runs on one thread, so a call's events keep their order.
    /// </summary>
    private void ForEachSession(Action<CallSession> step)
    {
        int count = _sessions.Count;
        int shares = Math.Min(_parallel.MaxDegreeOfParallelism, count / ParallelCalls);
        if (shares <= 1)
        {
            foreach (var session in _sessions)
            {
                if (!session.Ended)
                {
                    Guard(session, step);
                }
            }

            return;
        }

        Parallel.For(0, shares, _parallel, share =>
        {
            int end = (share + 1) * count / shares;
            for (int i = share * count / shares; i < end; i++)
            {
                var session = _sessions[i];
                if (!session.Ended)
                {
                    Guard(session, step);
                }
            }
        });
    }

    /// <summary>Calls per thread below which splitting a step costs more than it saves.</summary>
    private const int ParallelCalls = 32;

    /// <summary>Runs one call's step; its exception ends that call only. Static lambdas: no allocation per call per tick.</summary>
    private void Guard(CallSession session, Action<CallSession> step)
    {
        try
        {
            step(session);
        }
        catch (Exception error)
        {
            Fail(session, error);
        }
    }

    private void Fail(CallSession session, Exception error)
    {
        if (session.Ended)
        {
            return;
        }

        _logger.LogError(error, "Call {CallId} failed in the engine; its stream is closed so the gateway falls back", session.CallId);
        _telemetry.CallFaulted();
        session.Complete(error);
    }

    private void RemoveEnded()
    {
        for (int i = _sessions.Count - 1; i >= 0; i--)
        {
            var session = _sessions[i];
            if (!session.Ended)
            {
                continue;
            }

            session.Complete(null); // no-op when it already completed with an error
            session.Dispose();
            _sessions.RemoveAt(i);
            if (_byCallId.TryGetValue(session.CallId, out var current) && ReferenceEquals(current, session))
            {
                _byCallId.Remove(session.CallId);
            }

            _logger.LogInformation("Call {CallId} left the engine", session.CallId);
        }
    }
}
