using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Media.Rtp;

/// <summary>RTCP BYE (RFC 3550 §6.6): the listed sources are leaving.</summary>
public sealed class RtcpGoodbye : RtcpPacket
{
    public override RtcpPacketType PacketType => RtcpPacketType.Goodbye;

    /// <summary>Sources leaving.</summary>
    public IReadOnlyList<uint> Ssrcs { get; init; } = [];

    /// <summary>Optional reason text.</summary>
    public string? Reason { get; init; }

    public override int Length
    {
        get
        {
            int length = 4 + (4 * Ssrcs.Count);
            if (Reason is not null)
            {
                length += (1 + ReasonBytes() + 3) & ~3;
            }

            return length;
        }
    }

    public override int WriteTo(Span<byte> destination)
    {
        int length = Length;
        WriteCommonHeader(destination, Ssrcs.Count, PacketType, length);
        int offset = 4;
        foreach (uint ssrc in Ssrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], ssrc);
            offset += 4;
        }

        if (Reason is not null)
        {
            destination[offset..length].Clear();
            destination[offset] = (byte)ReasonBytes();
            Encoding.UTF8.GetBytes(Reason, destination[(offset + 1)..]);
        }

        return length;
    }

    internal static RtcpGoodbye? Read(ReadOnlySpan<byte> packet, int count)
    {
        int offset = 4 + (4 * count);
        if (packet.Length < offset)
        {
            return null;
        }

        var ssrcs = new uint[count];
        for (int i = 0; i < count; i++)
        {
            ssrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(packet[(4 + (4 * i))..]);
        }

        string? reason = null;
        if (packet.Length > offset)
        {
            int reasonLength = packet[offset];
            if (offset + 1 + reasonLength > packet.Length)
            {
                return null;
            }

            reason = Encoding.UTF8.GetString(packet.Slice(offset + 1, reasonLength));
        }

        return new RtcpGoodbye { Ssrcs = ssrcs, Reason = reason };
    }

    private int ReasonBytes()
    {
        int bytes = Encoding.UTF8.GetByteCount(Reason ?? string.Empty);
        return bytes <= 255 ? bytes : throw new InvalidOperationException("A BYE reason is at most 255 bytes (RFC 3550 §6.6).");
    }
}
