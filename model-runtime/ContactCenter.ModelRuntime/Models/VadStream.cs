namespace ContactCenter.ModelRuntime.Models;

/// <summary>One call's VAD state: pending samples, the 32-sample context and the recurrent state.</summary>
public sealed class VadStream
{
    /// <summary>Appends 8 kHz samples (typically one 20 ms frame).</summary>
    public void Append(ReadOnlySpan<short> samples) => throw new NotImplementedException();

    /// <summary>At least one full 256-sample window is pending.</summary>
    public bool WindowReady => throw new NotImplementedException();

    /// <summary>Speech probability of the latest window (0 before the first).</summary>
    public float Probability => throw new NotImplementedException();
}
