using ContactCenter.Media.Codecs.Interop;

namespace ContactCenter.Media.Codecs;

/// <summary>
/// The codecs this gateway speaks, by RTP encoding name and RFC 3551 static payload type.
/// G.711 is always available; G.722 only when libspandsp loads (checked once, never throws).
/// </summary>
public static class CodecRegistry
{
    /// <summary>Every codec the gateway knows, in its default preference order.</summary>
    /// <remarks>
    /// G.711 first: the engine works at 8 kHz, so G.722's wider band is resampled away and only
    /// costs CPU; it is still accepted when it is all a peer offers.
    /// </remarks>
    public static IReadOnlyList<string> KnownCodecs { get; } = ["PCMU", "PCMA", "G722"];

    /// <summary>The codecs that can be created on this host, in preference order.</summary>
    public static IReadOnlyList<string> AvailableCodecs =>
        SpanDsp.IsAvailable ? KnownCodecs : ["PCMU", "PCMA"];

    /// <summary>True when <paramref name="name"/> is known and can be created here.</summary>
    public static bool IsAvailable(string name) => IsAvailable(name, SpanDsp.IsAvailable);

    /// <summary>True when the static payload type maps to a codec that can be created here.</summary>
    public static bool IsAvailable(int payloadType) =>
        TryGetName(payloadType, out string? name) && IsAvailable(name);

    /// <summary>Maps an RFC 3551 static payload type to its encoding name (0 PCMU, 8 PCMA, 9 G722).</summary>
    public static bool TryGetName(int payloadType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = payloadType switch
        {
            0 => "PCMU",
            8 => "PCMA",
            9 => "G722",
            _ => null,
        };
        return name is not null;
    }

    /// <summary>Creates a new per-stream instance; throws <see cref="NotSupportedException"/> for unknown or unavailable codecs.</summary>
    public static IAudioCodec Create(string name) =>
        TryCreate(name, out IAudioCodec? codec)
            ? codec
            : throw new NotSupportedException($"Codec '{name}' is not available (known: {string.Join(", ", KnownCodecs)}; G.722 needs libspandsp2).");

    /// <summary>Creates a new per-stream instance by static payload type.</summary>
    public static IAudioCodec Create(int payloadType) =>
        TryGetName(payloadType, out string? name)
            ? Create(name)
            : throw new NotSupportedException($"No codec for static payload type {payloadType}.");

    /// <summary>Creates a new per-stream instance, or returns false for unknown or unavailable codecs.</summary>
    public static bool TryCreate(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IAudioCodec? codec) =>
        TryCreate(name, SpanDsp.IsAvailable, out codec);

    internal static bool IsAvailable(string name, bool spanDspAvailable) =>
        Normalise(name) switch
        {
            "PCMU" or "PCMA" => true,
            "G722" => spanDspAvailable,
            _ => false,
        };

    // The availability flag is a parameter so tests can check the "library missing" path on a
    // host that has it.
    internal static bool TryCreate(string name, bool spanDspAvailable, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IAudioCodec? codec)
    {
        codec = Normalise(name) switch
        {
            "PCMU" => PcmuCodec.Instance,
            "PCMA" => PcmaCodec.Instance,
            "G722" when spanDspAvailable => new G722Codec(),
            _ => null,
        };
        return codec is not null;
    }

    private static string Normalise(string name) => name.Trim().ToUpperInvariant();
}
