using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// RTCP source description (RFC 3550 §6.5). Only CNAME (item type 1) is written and kept; other
/// items are skipped when reading.
/// </summary>
public sealed class RtcpSourceDescription : RtcpPacket
{
    private const byte CnameItem = 1;

    public override RtcpPacketType PacketType => RtcpPacketType.SourceDescription;

    /// <summary>Chunks (at most 31).</summary>
    public IReadOnlyList<RtcpSdesChunk> Chunks { get; init; } = [];

    public override int Length
    {
        get
        {
            int length = 4;
            foreach (RtcpSdesChunk chunk in Chunks)
            {
                length += ChunkLength(chunk);
            }

            return length;
        }
    }

    public override int WriteTo(Span<byte> destination)
    {
        int length = Length;
        WriteCommonHeader(destination, Chunks.Count, PacketType, length);
        int offset = 4;
        foreach (RtcpSdesChunk chunk in Chunks)
        {
            int chunkLength = ChunkLength(chunk);
            Span<byte> target = destination.Slice(offset, chunkLength);
            target.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(target, chunk.Ssrc);
            int textLength = Encoding.UTF8.GetBytes(chunk.Cname, target[6..]);
            target[4] = CnameItem;
            target[5] = (byte)textLength;
            offset += chunkLength;
        }

        return length;
    }

    internal static RtcpSourceDescription? Read(ReadOnlySpan<byte> packet, int count)
    {
        var chunks = new List<RtcpSdesChunk>(count);
        int offset = 4;
        for (int i = 0; i < count; i++)
        {
            if (offset + 4 > packet.Length)
            {
                return null;
            }

            uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[offset..]);
            offset += 4;
            string? cname = null;
            // Items until a zero type octet; then the chunk is padded to a 32-bit boundary.
            while (true)
            {
                if (offset >= packet.Length)
                {
                    return null;
                }

                byte type = packet[offset];
                if (type == 0)
                {
                    offset = (offset + 4) & ~3;
                    break;
                }

                if (offset + 2 > packet.Length || offset + 2 + packet[offset + 1] > packet.Length)
                {
                    return null;
                }

                int itemLength = packet[offset + 1];
                if (type == CnameItem)
                {
                    cname = Encoding.UTF8.GetString(packet.Slice(offset + 2, itemLength));
                }

                offset += 2 + itemLength;
            }

            chunks.Add(new RtcpSdesChunk(ssrc, cname ?? string.Empty));
        }

        return new RtcpSourceDescription { Chunks = chunks };
    }

    private static int ChunkLength(RtcpSdesChunk chunk)
    {
        int text = Math.Min(Encoding.UTF8.GetByteCount(chunk.Cname), 255);
        if (text != Encoding.UTF8.GetByteCount(chunk.Cname))
        {
            throw new InvalidOperationException("An SDES CNAME is at most 255 bytes (RFC 3550 §6.5).");
        }

        // SSRC + type + length + text + at least one terminating zero, padded to 4 bytes.
        return (4 + 2 + text + 1 + 3) & ~3;
    }
}
