namespace ContactCenter.Media.Codecs;

/// <summary>
/// ITU-T G.711 companding, table-driven: the tables are computed once from the segment
/// definitions of G.711 §2 (µ-law, 8 segments of 16 steps on a biased magnitude) and §3 (A-law,
/// 13-bit linear input, even bits inverted). Encoding is one lookup per sample in a 64 KiB
/// table indexed by the 16-bit sample, decoding one lookup in a 256-entry table.
/// </summary>
internal static class G711
{
    // G.711 µ-law works on a 14-bit magnitude; with 16-bit input the customary bias is 0x84
    // (33 << 2) and the largest codable magnitude 32635 (8159 << 2).
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly byte[] LinearToMuLawTable = BuildEncodeTable(EncodeMuLawSample);
    private static readonly byte[] LinearToALawTable = BuildEncodeTable(EncodeALawSample);
    private static readonly short[] MuLawToLinearTable = BuildDecodeTable(DecodeMuLawSample);
    private static readonly short[] ALawToLinearTable = BuildDecodeTable(DecodeALawSample);

    public static byte LinearToMuLaw(short sample) => LinearToMuLawTable[(ushort)sample];

    public static byte LinearToALaw(short sample) => LinearToALawTable[(ushort)sample];

    public static short MuLawToLinear(byte code) => MuLawToLinearTable[code];

    public static short ALawToLinear(byte code) => ALawToLinearTable[code];

    public static void EncodeMuLaw(ReadOnlySpan<short> pcm, Span<byte> output)
    {
        byte[] table = LinearToMuLawTable;
        for (int i = 0; i < pcm.Length; i++)
        {
            output[i] = table[(ushort)pcm[i]];
        }
    }

    public static void EncodeALaw(ReadOnlySpan<short> pcm, Span<byte> output)
    {
        byte[] table = LinearToALawTable;
        for (int i = 0; i < pcm.Length; i++)
        {
            output[i] = table[(ushort)pcm[i]];
        }
    }

    public static void DecodeMuLaw(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        short[] table = MuLawToLinearTable;
        for (int i = 0; i < payload.Length; i++)
        {
            pcm[i] = table[payload[i]];
        }
    }

    public static void DecodeALaw(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        short[] table = ALawToLinearTable;
        for (int i = 0; i < payload.Length; i++)
        {
            pcm[i] = table[payload[i]];
        }
    }

    private static byte[] BuildEncodeTable(Func<int, byte> encode)
    {
        var table = new byte[65536];
        for (int i = 0; i < 65536; i++)
        {
            table[i] = encode((short)(ushort)i);
        }

        return table;
    }

    private static short[] BuildDecodeTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    // G.711 §2 (µ-law): sign bit, 3-bit segment (position of the leading one of the biased
    // magnitude), 4-bit step within the segment; the whole code word is transmitted inverted.
    private static byte EncodeMuLawSample(int sample)
    {
        int sign = 0;
        if (sample < 0)
        {
            sign = 0x80;
            sample = -sample;
        }

        if (sample > MuLawClip)
        {
            sample = MuLawClip;
        }

        sample += MuLawBias;
        int segment = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && segment > 0; mask >>= 1)
        {
            segment--;
        }

        int step = (sample >> (segment + 3)) & 0x0F;
        return (byte)~(sign | (segment << 4) | step);
    }

    private static short DecodeMuLawSample(byte code)
    {
        int inverted = ~code & 0xFF;
        int segment = (inverted >> 4) & 0x07;
        int step = inverted & 0x0F;
        // Reconstruct at the middle of the quantisation interval, then remove the bias.
        int magnitude = (((step << 3) + MuLawBias) << segment) - MuLawBias;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    // G.711 §3 (A-law): 13-bit linear input; segments 0 and 1 share the same step size; the
    // code word has its even bits inverted (XOR 0x55) and the sign bit set for positive values.
    private static byte EncodeALawSample(int sample)
    {
        int linear13 = sample >> 3;
        int mask;
        if (linear13 >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            linear13 = -linear13 - 1;
        }

        int segment = 0;
        while (segment < 8 && linear13 > ((0x20 << segment) - 1))
        {
            segment++;
        }

        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }

        int code = segment << 4;
        code |= segment < 2 ? (linear13 >> 1) & 0x0F : (linear13 >> segment) & 0x0F;
        return (byte)(code ^ mask);
    }

    private static short DecodeALawSample(byte code)
    {
        int value = code ^ 0x55;
        int magnitude = (value & 0x0F) << 4;
        int segment = (value & 0x70) >> 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }
}
