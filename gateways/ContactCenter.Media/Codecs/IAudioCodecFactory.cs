namespace ContactCenter.Media.Codecs;

/// <summary>Creates per-stream codec instances (stateful codecs must never be shared between streams).</summary>
public interface IAudioCodecFactory
{
    /// <summary>True when the codec can be created here (G.722 needs libspandsp at run time).</summary>
    bool IsAvailable(string name);

    /// <summary>Codec names that can be created, in the gateway's default preference order.</summary>
    IReadOnlyList<string> AvailableCodecs { get; }

    /// <summary>Creates a new instance by RTP encoding name (case-insensitive); throws when unknown or unavailable.</summary>
    IAudioCodec Create(string name);
}
