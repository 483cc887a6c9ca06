namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// One call's VAD state: pending samples, the 32-sample context and the recurrent state. Frames of 160
/// samples (20 ms) arrive; the model eats windows of 256 (32 ms), so five windows are ready per eight frames.
/// Not thread-safe: the engine's tick thread appends and runs.
/// </summary>
public sealed class VadStream
{
    /// <summary>Elements of one stream's slice of the state tensor [2, B, 128]: two layers of 128.</summary>
    internal const int StateSize = 2 * StateWidth;
    internal const int StateWidth = 128;

    // Two windows plus a frame: a tick appends one frame and runs at most one window, so this never grows in
    // steady state; a caller that appends without running only grows it.
    private float[] _pending = new float[(2 * SileroVad.WindowSamples) + 160];
    private int _pendingCount;

    internal VadStream()
    {
    }

    /// <summary>Appends 8 kHz samples (typically one 20 ms frame).</summary>
    public void Append(ReadOnlySpan<short> samples)
    {
        if (_pendingCount + samples.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingCount + samples.Length));
        }

        Span<float> target = _pending.AsSpan(_pendingCount, samples.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            // Silero was trained on float audio in [-1, 1) (torchaudio's normalisation of 16-bit PCM).
            target[i] = samples[i] / 32768f;
        }

        _pendingCount += samples.Length;
    }

    /// <summary>At least one full 256-sample window is pending.</summary>
    public bool WindowReady => _pendingCount >= SileroVad.WindowSamples;

    /// <summary>Samples appended but not yet run through the model.</summary>
    public int PendingSamples => _pendingCount;

    /// <summary>Speech probability of the latest window (0 before the first).</summary>
    public float Probability { get; private set; }

    /// <summary>Windows run through the model since the stream was created or reset.</summary>
    public long WindowsProcessed { get; private set; }

    /// <summary>The last 32 samples of the previous window, prepended to the next one (silero-vad's OnnxWrapper).</summary>
    internal float[] Context { get; } = new float[SileroVad.ContextSamples];

    /// <summary>This stream's recurrent state, [2, 128]: layer-major like its slice of the batched [2, B, 128].</summary>
    internal float[] State { get; } = new float[StateSize];

    /// <summary>Forgets everything: pending samples, context, state and probability (a new call on a pooled stream).</summary>
    public void Reset()
    {
        _pendingCount = 0;
        Array.Clear(Context);
        Array.Clear(State);
        Probability = 0;
        WindowsProcessed = 0;
    }

    /// <summary>Writes the model input for the next window: 32 samples of context then 256 new ones.</summary>
    internal void CopyInput(Span<float> row)
    {
        Context.CopyTo(row);
        _pending.AsSpan(0, SileroVad.WindowSamples).CopyTo(row[SileroVad.ContextSamples..]);
    }

    /// <summary>Takes the window just run off the pending samples and records its result.</summary>
    internal void Consume(float probability)
    {
        const int window = SileroVad.WindowSamples;
        _pending.AsSpan(window - SileroVad.ContextSamples, SileroVad.ContextSamples).CopyTo(Context);
        _pending.AsSpan(window, _pendingCount - window).CopyTo(_pending);
        _pendingCount -= window;
        Probability = probability;
        WindowsProcessed++;
    }
}
