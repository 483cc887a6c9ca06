namespace ContactCenter.Media.Codecs;

/// <summary>The default <see cref="IAudioCodecFactory"/>: delegates to <see cref="CodecRegistry"/>.</summary>
public sealed class CodecFactory : IAudioCodecFactory
{
    /// <summary>The shared instance.</summary>
    public static CodecFactory Default { get; } = new();

    public IReadOnlyList<string> AvailableCodecs => CodecRegistry.AvailableCodecs;

    public bool IsAvailable(string name) => CodecRegistry.IsAvailable(name);

    public IAudioCodec Create(string name) => CodecRegistry.Create(name);
}
