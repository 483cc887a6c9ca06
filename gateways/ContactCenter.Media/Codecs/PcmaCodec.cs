namespace ContactCenter.Media.Codecs;

/// <summary>G.711 A-law (RFC 3551 §4.5.14, static payload type 8). Stateless: one instance may serve many streams.</summary>
public sealed class PcmaCodec : IAudioCodec
{
    /// <summary>The shared instance.</summary>
    public static PcmaCodec Instance { get; } = new();

    public string Name => "PCMA";

    public int PayloadType => 8;

    public int ClockRate => 8000;

    public int Encode(ReadOnlySpan<short> pcm8k, Span<byte> payload)
    {
        G711.EncodeALaw(pcm8k, payload[..pcm8k.Length]);
        return pcm8k.Length;
    }

    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm8k)
    {
        G711.DecodeALaw(payload, pcm8k[..payload.Length]);
        return payload.Length;
    }

    public int GetSampleCount(int payloadLength) => payloadLength;

    public int GetPayloadLength(int sampleCount) => sampleCount;
}
