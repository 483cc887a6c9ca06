using System.Buffers.Binary;

namespace ContactCenter.LoadTest.Scenarios;

/// <summary>
/// The channel count of a RIFF/WAVE file. <c>WavFile</c> mixes every file down to mono and so cannot say whether it was;
/// a scenario's recording must be mono, because a stereo call recording has both parties on it.
/// </summary>
internal static class WavHeader
{
    /// <summary>The fmt chunk's channel count, or null when there is no readable fmt chunk.</summary>
    public static int? Channels(ReadOnlySpan<byte> bytes)
    {
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (bytes.Slice(position, 4).SequenceEqual("fmt "u8))
            {
                return body + 4 <= bytes.Length ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2)) : null;
            }

            // RIFF chunks are padded to an even size.
            var next = body + (long)size + (size & 1);
            if (next > bytes.Length)
            {
                return null;
            }

            position = (int)next;
        }

        return null;
    }
}
