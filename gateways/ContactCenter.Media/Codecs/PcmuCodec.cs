namespace ContactCenter.Media.Codecs;

/// <summary>G.711 µ-law (RFC 3551 §4.5.14, static payload type 0). Stateless: one instance may serve many streams.</summary>
public sealed class PcmuCodec : IAudioCodec
{
    /// <summary>The shared instance.</summary>
    public static PcmuCodec Instance { get; } = new();

    public string Name => "PCMU";

    public int PayloadType => 0;

    public int ClockRate => 8000;

    public int Encode(ReadOnlySpan<short> pcm8k, Span<byte> payload)
    {
        G711.EncodeMuLaw(pcm8k, payload[..pcm8k.Length]);
        return pcm8k.Length;
    }

    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm8k)
    {
        G711.DecodeMuLaw(payload, pcm8k[..payload.Length]);
        return payload.Length;
    }

    public int GetSampleCount(int payloadLength) => payloadLength;

    public int GetPayloadLength(int sampleCount) => sampleCount;
}
