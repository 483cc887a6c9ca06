using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Media.Audio;

/// <summary>
/// 16-bit PCM WAV files (RIFF/WAVE, format tag 1 or WAVE_FORMAT_EXTENSIBLE). Multi-channel input is
/// mixed down to mono. A recording still being written (data size 0 or past the end, as sndfile
/// leaves it until the file is closed) is read up to the end of the file.
/// </summary>
public sealed class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;
    private const int HeaderBytes = 44;

    public WavFile(short[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        Samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>Mono samples.</summary>
    public short[] Samples { get; }

    public int SampleRate { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    public static WavFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray(), path);
    }

    public static WavFile Parse(ReadOnlySpan<byte> bytes, string name = "WAV data")
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new FormatException($"{name} is not a RIFF/WAVE file");
        }

        int channels = 0, sampleRate = 0, bits = 0;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > bytes.Length)
                {
                    throw new FormatException($"{name}: fmt chunk too short");
                }

                var format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2));
                if (format is not (FormatPcm or FormatExtensible) || bits != 16 || channels < 1)
                {
                    throw new FormatException($"{name}: only 16-bit PCM is supported (format {format}, {bits} bits, {channels} channels)");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels == 0)
                {
                    throw new FormatException($"{name}: data chunk before fmt chunk");
                }

                var available = bytes.Length - body;
                var length = size == 0 || size > available ? available : (int)size;
                return new WavFile(Decode(bytes.Slice(body, length), channels), sampleRate);
            }

            // RIFF chunks are padded to an even size.
            position = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new FormatException($"{name} has no data chunk");
    }

    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate) =>
        File.WriteAllBytes(path, Encode(samples, sampleRate));

    public void Write(string path) => Write(path, Samples, SampleRate);

    /// <summary>A canonical 44-byte-header mono 16-bit PCM WAV.</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples, int sampleRate)
    {
        var dataBytes = samples.Length * 2;
        var bytes = new byte[HeaderBytes + dataBytes];
        FillHeader(bytes, sampleRate, dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(HeaderBytes + (2 * i), 2), samples[i]);
        }

        return bytes;
    }

    /// <summary>Starts a recording: the canonical header with sizes of zero, fixed by <see cref="PatchSizes"/> when it closes.</summary>
    public static void WriteHeader(Stream stream, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderBytes];
        FillHeader(header, sampleRate, 0);
        stream.Write(header);
    }

    /// <summary>Finishes a recording started with <see cref="WriteHeader"/>: writes the RIFF and data sizes.</summary>
    public static void PatchSizes(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var dataBytes = (int)(stream.Length - HeaderBytes);
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(value, 36 + dataBytes);
        stream.Position = 4;
        stream.Write(value);
        BinaryPrimitives.WriteInt32LittleEndian(value, dataBytes);
        stream.Position = 40;
        stream.Write(value);
        stream.Position = stream.Length;
    }

    private static void FillHeader(Span<byte> span, int sampleRate, int dataBytes)
    {
        Encoding.ASCII.GetBytes("RIFF", span[..4]);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(4, 4), 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ", span.Slice(8, 8));
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(16, 4), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(20, 2), FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(22, 2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(24, 4), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(28, 4), sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(32, 2), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(34, 2), 16);
        Encoding.ASCII.GetBytes("data", span.Slice(36, 4));
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(40, 4), dataBytes);
    }

    private static short[] Decode(ReadOnlySpan<byte> data, int channels)
    {
        var frames = data.Length / (2 * channels);
        var samples = new short[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0;
            for (var channel = 0; channel < channels; channel++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data.Slice(((frame * channels) + channel) * 2, 2));
            }

            samples[frame] = (short)(sum / channels);
        }

        return samples;
    }
}
