using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>16-bit PCM mono WAV (RIFF) reading and writing: prompts in, recordings out.</summary>
public static class WavFile
{
    /// <summary>Reads a 16-bit mono PCM WAV; any other layout is refused with the file named.</summary>
    public static (short[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file.");
        }

        int? sampleRate = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"{path}: need 16-bit mono PCM, found format {format}, {channels} channel(s), {bits} bits. Convert with: sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav");
                }

                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                if (sampleRate is null)
                {
                    throw new InvalidDataException($"{path}: data chunk before fmt chunk.");
                }

                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(i * 2)..]);
                }

                return (samples, sampleRate.Value);
            }

            offset += 8 + size + (size & 1); // RIFF chunks are word-aligned
        }

        throw new InvalidDataException($"{path}: no data chunk.");
    }

    /// <summary>Writes the 44-byte header for 16-bit mono PCM; sizes are patched by <see cref="PatchSizes"/>.</summary>
    public static void WriteHeader(Stream stream, int sampleRate, int dataBytes = 0)
    {
        Span<byte> header = stackalloc byte[44];
        Encoding.ASCII.GetBytes("RIFF", header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ", header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        Encoding.ASCII.GetBytes("data", header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);
        stream.Write(header);
    }

    /// <summary>Fixes the RIFF and data sizes once the recording is complete.</summary>
    public static void PatchSizes(Stream stream)
    {
        var dataBytes = (int)(stream.Length - 44);
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(value, 36 + dataBytes);
        stream.Position = 4;
        stream.Write(value);
        BinaryPrimitives.WriteInt32LittleEndian(value, dataBytes);
        stream.Position = 40;
        stream.Write(value);
        stream.Position = stream.Length;
    }

    /// <summary>Writes a whole 16-bit mono WAV.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        using var stream = File.Create(path);
        WriteHeader(stream, sampleRate, samples.Length * 2);
        Span<byte> buffer = stackalloc byte[2];
        foreach (var sample in samples)
        {
            BinaryPrimitives.WriteInt16LittleEndian(buffer, sample);
            stream.Write(buffer);
        }
    }
}
