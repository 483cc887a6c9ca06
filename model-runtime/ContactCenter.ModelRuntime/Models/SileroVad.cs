namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Silero VAD v6 at 8 kHz (DESIGN §2): 256 new samples plus 32 of context per step, state [2,B,128]
/// carried per stream. <see cref="Run"/> is one batched inference over every stream that has a window.
/// </summary>
public sealed class SileroVad : IDisposable
{
    public const int SampleRate = 8000;
    public const int WindowSamples = 256;
    public const int ContextSamples = 32;

    public static SileroVad Load(ModelFiles files, InferenceOptions options) => throw new NotImplementedException();

    /// <summary>True when the CUDA execution provider is in use.</summary>
    public bool OnGpu => throw new NotImplementedException();

    public VadStream CreateStream() => throw new NotImplementedException();

    /// <summary>One batched step: each stream must have <see cref="VadStream.WindowReady"/>; each consumes one window and gets a new probability.</summary>
    public void Run(IReadOnlyList<VadStream> streams) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
