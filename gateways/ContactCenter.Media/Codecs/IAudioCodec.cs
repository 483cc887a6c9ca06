namespace ContactCenter.Media.Codecs;

/// <summary>
/// An RTP audio codec that converts between 8 kHz PCM frames and RTP payloads. Stateless codecs
/// (G.711) may be shared; stateful ones (G.722's ADPCM predictors, the resampler history) must be
/// one instance per stream and per direction-pair — create them through <see cref="CodecRegistry"/>.
/// </summary>
public interface IAudioCodec
{
    /// <summary>RTP encoding name as written in SDP rtpmap ("PCMU", "PCMA", "G722").</summary>
    string Name { get; }

    /// <summary>RFC 3551 static payload type (0, 8, 9).</summary>
    int PayloadType { get; }

    /// <summary>
    /// RTP timestamp clock rate. 8000 for all three, including G.722 whose audio is sampled at
    /// 16 kHz: RFC 3551 §4.5.2 keeps its RTP clock at 8000 for historical reasons.
    /// </summary>
    int ClockRate { get; }

    /// <summary>Encodes 8 kHz PCM (normally 160 samples) into <paramref name="payload"/>; returns bytes written.</summary>
    int Encode(ReadOnlySpan<short> pcm8k, Span<byte> payload);

    /// <summary>Decodes an RTP payload into 8 kHz PCM; returns samples written.</summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm8k);

    /// <summary>Number of 8 kHz samples (= RTP timestamp units) a payload of this length carries.</summary>
    int GetSampleCount(int payloadLength);

    /// <summary>Payload bytes needed for <paramref name="sampleCount"/> samples at 8 kHz.</summary>
    int GetPayloadLength(int sampleCount);
}
