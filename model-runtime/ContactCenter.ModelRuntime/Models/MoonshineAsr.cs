namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Moonshine tiny ASR (DESIGN §2): 16 kHz input, one batched encoder run, then greedy decoding with the
/// merged decoder's KV cache, all clips of a batch stepping together until each emits EOS or hits its limit.
/// Thread-safe for one caller at a time (the engine's ASR worker).
/// </summary>
public sealed class MoonshineAsr : IDisposable
{
    public const int SampleRate = 16000;

    public static MoonshineAsr Load(ModelFiles files, InferenceOptions options) => throw new NotImplementedException();

    public bool OnGpu => throw new NotImplementedException();

    /// <summary>Transcribes each clip (16 kHz, samples in [-1, 1]) in one batch; returns plain text per clip.</summary>
    public IReadOnlyList<string> Transcribe(IReadOnlyList<float[]> clips16k) => throw new NotImplementedException();

    /// <summary>Upsamples 8 kHz telephone audio to 16 kHz float, as <see cref="Transcribe"/> wants it.</summary>
    public static float[] PrepareTelephoneAudio(ReadOnlySpan<short> pcm8k) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
