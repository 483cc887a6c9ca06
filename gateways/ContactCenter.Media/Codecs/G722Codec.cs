using ContactCenter.Media.Codecs.Interop;

namespace ContactCenter.Media.Codecs;

/// <summary>
/// ITU-T G.722 at 64 kbit/s (RFC 3551 §4.5.2, static payload type 9) through libspandsp. The
/// codec samples at 16 kHz but the gateway's frames are 8 kHz, so the encoder upsamples and the
/// decoder downsamples with a half-band <see cref="Resampler"/>; the RTP clock stays 8000 and
/// one payload byte carries one RTP timestamp unit (two 16 kHz samples, 8 bits).
/// Stateful (ADPCM predictors + resampler history): one instance per stream. Create through
/// <see cref="CodecRegistry"/>, which only offers it when libspandsp is installed.
/// </summary>
public sealed class G722Codec : IAudioCodec, IDisposable
{
    private readonly SpanDspHandle _encoder;
    private readonly SpanDspHandle _decoder;
    private readonly Resampler _resampler = new();
    private short[] _wide = new short[320];

    /// <summary>Creates an encoder/decoder pair; throws <see cref="InvalidOperationException"/> when libspandsp is missing.</summary>
    public G722Codec()
    {
        if (!SpanDsp.IsAvailable)
        {
            throw new InvalidOperationException($"G.722 needs {SpanDsp.LibraryName} (Debian package libspandsp2), which is not installed.");
        }

        IntPtr encoder = SpanDsp.G722EncodeInit(IntPtr.Zero, SpanDsp.G722Rate64000, 0);
        IntPtr decoder = SpanDsp.G722DecodeInit(IntPtr.Zero, SpanDsp.G722Rate64000, 0);
        if (encoder == IntPtr.Zero || decoder == IntPtr.Zero)
        {
            if (encoder != IntPtr.Zero)
            {
                _ = SpanDsp.G722EncodeFree(encoder);
            }

            if (decoder != IntPtr.Zero)
            {
                _ = SpanDsp.G722DecodeFree(decoder);
            }

            throw new InvalidOperationException("libspandsp could not allocate a G.722 state.");
        }

        _encoder = new SpanDspHandle(encoder, SpanDsp.G722EncodeFree);
        _decoder = new SpanDspHandle(decoder, SpanDsp.G722DecodeFree);
    }

    public string Name => "G722";

    public int PayloadType => 9;

    public int ClockRate => 8000;

    public unsafe int Encode(ReadOnlySpan<short> pcm8k, Span<byte> payload)
    {
        int wideCount = pcm8k.Length * 2;
        EnsureWide(wideCount);
        _resampler.Upsample(pcm8k, _wide);
        // 64 kbit/s at 16 kHz is 4 bits per sample: one byte per two input samples.
        if (payload.Length < pcm8k.Length)
        {
            throw new ArgumentException("The payload buffer is too small.", nameof(payload));
        }

        bool added = false;
        try
        {
            _encoder.DangerousAddRef(ref added);
            fixed (short* amp = _wide)
            fixed (byte* data = payload)
            {
                return SpanDsp.G722Encode(_encoder.DangerousGetHandle(), data, amp, wideCount);
            }
        }
        finally
        {
            if (added)
            {
                _encoder.DangerousRelease();
            }
        }
    }

    public unsafe int Decode(ReadOnlySpan<byte> payload, Span<short> pcm8k)
    {
        int wideCount = payload.Length * 2;
        if (pcm8k.Length < payload.Length)
        {
            throw new ArgumentException("The PCM buffer is too small.", nameof(pcm8k));
        }

        EnsureWide(wideCount);
        int produced;
        bool added = false;
        try
        {
            _decoder.DangerousAddRef(ref added);
            fixed (short* amp = _wide)
            fixed (byte* data = payload)
            {
                produced = SpanDsp.G722Decode(_decoder.DangerousGetHandle(), amp, data, payload.Length);
            }
        }
        finally
        {
            if (added)
            {
                _decoder.DangerousRelease();
            }
        }

        produced &= ~1;
        _resampler.Downsample(_wide.AsSpan(0, produced), pcm8k);
        return produced / 2;
    }

    public int GetSampleCount(int payloadLength) => payloadLength;

    public int GetPayloadLength(int sampleCount) => sampleCount;

    /// <summary>Frees the native states.</summary>
    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }

    private void EnsureWide(int count)
    {
        if (_wide.Length < count)
        {
            _wide = new short[count];
        }
    }
}
