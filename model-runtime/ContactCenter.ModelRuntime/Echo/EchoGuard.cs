using ContactCenter.ModelRuntime.Echo.Interop;

namespace ContactCenter.ModelRuntime.Echo;

/// <summary>
/// Keeps the bot's own voice, leaking back from the caller's line (hybrid echo, speakerphones), from counting
/// as caller speech: an echo canceller (speexdsp) fed with exactly what the bot played, plus a residual-echo
/// check. One per call; not thread-safe.
/// </summary>
/// <remarks>
/// <para>The canceller is speexdsp's MDF adaptive filter (J.-M. Valin, "On Adjusting the Learning Rate in Frequency Domain
/// Echo Cancellation With Double-Talk", IEEE TASLP 2007), fed the caller frame and the bot frame of the same tick, with a
/// filter as long as <see cref="EchoOptions.Tail"/>. Its output is what VAD and ASR hear.</para>
/// <para>The verdict compares energies per frame: the caller frame as received, the cancelled frame, and the loudest bot
/// frame within the tail (the echo in this frame can come from any of them). A frame is echo only while the bot spoke
/// within the tail and (a) the canceller removed most of it (ERLE, ITU-T G.168 terms), (b) what is left is far below the
/// loudest echo the bot could cause (its level minus the minimum echo return loss), or (c) what is left is line noise.
/// Until the canceller has converged (about 0.5–2 s of bot speech on a new echo path), (d) an input no louder than that
/// loudest echo is taken for echo too: a barge-in right at the start of the first prompt must be louder than the echo
/// could be, and echo never passes as speech. Caller speech over the bot survives cancellation at its own level and
/// fails (a)–(c).</para>
/// </remarks>
public sealed class EchoGuard : IDisposable
{
    /// <summary>20 ms at 8 kHz: the engine's frame, and the canceller's block.</summary>
    public const int FrameSamples = 160;

    /// <summary>The telephone band the gateway hands over.</summary>
    public const int SampleRate = 8000;

    private const float SilenceDb = -100f;

    /// <summary>An echo frame straddles two bot frames; its energy can exceed the louder one's by up to 3 dB.</summary>
    private const float StraddleDb = 3f;

    /// <summary>Reference frames this loud and caller frames this far above the noise show whether the canceller works.</summary>
    private const float ConvergenceReferenceDb = -40f;

    /// <summary>Smoothing of the cancellation measured on echo frames (about 10 frames).</summary>
    private const float ConvergenceSmoothing = 0.1f;

    /// <summary>The smoothed cancellation must beat the per-frame bar by this much before the canceller counts as converged.</summary>
    private const float ConvergedMarginDb = 5f;

    /// <summary>How fast the noise floor estimate may rise, per frame (0.5 dB/s): it drops at once, rises slowly.</summary>
    private const float NoiseRiseDb = 0.01f;

    private readonly EchoOptions _options;
    private readonly SpeexHandle _canceller;
    private readonly float[] _referencePower;
    private int _referenceIndex;
    private float _noiseFloorDb = float.NaN;
    private float _smoothedErleDb;
    private int _warmupFrames;
    private bool _converged;

    public EchoGuard(EchoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        int tailSamples = (int)Math.Ceiling(options.Tail.TotalSeconds * SampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(tailSamples, FrameSamples, nameof(options));

        // The echo in frame t holds bot audio from frame t back to frame t - ceil(tail / frame).
        _referencePower = new float[(tailSamples + FrameSamples - 1) / FrameSamples + 1];
        _canceller = CreateCanceller(tailSamples);
    }

    /// <summary>
    /// True once the canceller has shown it cancels this call's echo, or once the bot has spoken for
    /// <see cref="EchoOptions.ConvergenceFrames"/> frames (long enough for any echo path; a line without echo never shows it).
    /// </summary>
    public bool Converged => _converged;

    /// <summary>
    /// One 20 ms tick: <paramref name="caller"/> as received, <paramref name="botPlayed"/> the frame the bot sent on
    /// this tick (silence when none); writes the echo-cancelled caller frame to <paramref name="cleaned"/>.
    /// </summary>
    public EchoVerdict Process(ReadOnlySpan<short> caller, ReadOnlySpan<short> botPlayed, Span<short> cleaned)
    {
        if (caller.Length != FrameSamples || botPlayed.Length != FrameSamples || cleaned.Length < FrameSamples)
        {
            throw new ArgumentException($"Echo frames are {FrameSamples} samples (20 ms at {SampleRate} Hz).");
        }

        ObjectDisposedException.ThrowIf(_canceller.IsClosed, this);
        _referencePower[_referenceIndex] = MeanSquare(botPlayed);
        _referenceIndex = (_referenceIndex + 1) % _referencePower.Length;

        Span<short> output = cleaned[..FrameSamples];
        if (_referencePower.AsSpan().ContainsAnyExcept(0f))
        {
            Cancel(caller, botPlayed, output);
        }
        else
        {
            // The bot has been silent for the whole tail: no echo can be in this frame, and the canceller, whose
            // far-end history is all silence, would only pass it through. Skipping it saves its cost (about 30 µs a
            // frame with a 256 ms filter) for as long as the caller has the floor.
            caller.CopyTo(output);
        }

        float callerDb = ToDb(MeanSquare(caller));
        float cleanedDb = ToDb(MeanSquare(output));
        float referenceDb = ToDb(_referencePower.Max());
        TrackNoiseFloor(cleanedDb);
        bool echoOnly = IsEchoOnly(callerDb, cleanedDb, referenceDb);
        TrackConvergence(callerDb, cleanedDb, referenceDb);
        return new EchoVerdict(echoOnly, callerDb, referenceDb) { CleanedDb = cleanedDb };
    }

    public void Dispose() => _canceller.Dispose();

    private bool IsEchoOnly(float callerDb, float cleanedDb, float referenceDb)
    {
        if (referenceDb < _options.ReferenceFloorDb)
        {
            return false;
        }

        float loudestEchoDb = referenceDb - _options.MinEchoReturnLossDb;
        return callerDb - cleanedDb >= _options.EchoReturnLossEnhancementDb
            || cleanedDb <= loudestEchoDb - _options.ResidualMarginDb
            || cleanedDb <= _noiseFloorDb + _options.NoiseMarginDb
            || (!_converged && callerDb <= loudestEchoDb + StraddleDb);
    }

    /// <summary>
    /// Minimum tracking (R. Martin, "Noise Power Spectral Density Estimation Based on Optimal Smoothing and Minimum
    /// Statistics", IEEE TSAP 2001, reduced to one band): follows the quietest frames, rising slowly through speech.
    /// </summary>
    private void TrackNoiseFloor(float cleanedDb)
    {
        _noiseFloorDb = float.IsNaN(_noiseFloorDb) ? cleanedDb : Math.Min(cleanedDb, _noiseFloorDb + NoiseRiseDb);
    }

    private void TrackConvergence(float callerDb, float cleanedDb, float referenceDb)
    {
        if (_converged || referenceDb < _options.ReferenceFloorDb)
        {
            return;
        }

        if (++_warmupFrames >= _options.ConvergenceFrames)
        {
            _converged = true;
            return;
        }

        // Only frames that carry echo well above the noise say how well it is cancelled.
        if (referenceDb >= ConvergenceReferenceDb && callerDb >= _noiseFloorDb + 2 * _options.NoiseMarginDb + _options.EchoReturnLossEnhancementDb)
        {
            _smoothedErleDb += ConvergenceSmoothing * (callerDb - cleanedDb - _smoothedErleDb);
            _converged = _smoothedErleDb >= _options.EchoReturnLossEnhancementDb + ConvergedMarginDb;
        }
    }

    private unsafe void Cancel(ReadOnlySpan<short> caller, ReadOnlySpan<short> botPlayed, Span<short> cleaned)
    {
        bool added = false;
        try
        {
            _canceller.DangerousAddRef(ref added);
            fixed (short* rec = caller)
            fixed (short* play = botPlayed)
            fixed (short* output = cleaned)
            {
                SpeexDsp.EchoCancellation(_canceller.DangerousGetHandle(), rec, play, output);
            }
        }
        finally
        {
            if (added)
            {
                _canceller.DangerousRelease();
            }
        }
    }

    private static unsafe SpeexHandle CreateCanceller(int tailSamples)
    {
        IntPtr state = SpeexDsp.EchoStateInit(FrameSamples, tailSamples);
        if (state == IntPtr.Zero)
        {
            throw new InvalidOperationException("speexdsp could not allocate an echo canceller.");
        }

        var handle = new SpeexHandle(state, SpeexDsp.EchoStateDestroy);
        int rate = SampleRate;
        _ = SpeexDsp.EchoCtl(state, SpeexDsp.EchoSetSamplingRate, &rate);
        return handle;
    }

    private static float MeanSquare(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (short s in frame)
        {
            sum += (double)s * s;
        }

        return (float)(sum / frame.Length);
    }

    private static float ToDb(float meanSquare) =>
        meanSquare <= 0 ? SilenceDb : Math.Max(SilenceDb, 10f * MathF.Log10(meanSquare / (32768f * 32768f)));
}
