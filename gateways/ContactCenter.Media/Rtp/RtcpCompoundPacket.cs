using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// Compound RTCP (RFC 3550 §6.1): several RTCP packets in one datagram, a report first and an
/// SDES with CNAME in every one. Parsing is tolerant (RFC 5506 reduced-size packets and unknown
/// types such as APP or feedback are accepted and skipped) but never throws.
/// </summary>
public static class RtcpCompoundPacket
{
    /// <summary>Serialised length of <paramref name="packets"/>.</summary>
    public static int GetLength(IEnumerable<RtcpPacket> packets) => packets.Sum(p => p.Length);

    /// <summary>Writes the packets back to back; returns the bytes written.</summary>
    public static int Write(IEnumerable<RtcpPacket> packets, Span<byte> destination)
    {
        int offset = 0;
        foreach (RtcpPacket packet in packets)
        {
            offset += packet.WriteTo(destination[offset..]);
        }

        return offset;
    }

    /// <summary>Writes the packets into a new array.</summary>
    public static byte[] ToArray(IEnumerable<RtcpPacket> packets)
    {
        RtcpPacket[] list = [.. packets];
        var bytes = new byte[GetLength(list)];
        Write(list, bytes);
        return bytes;
    }

    /// <summary>True when the datagram looks like RTCP: version 2 and a packet type 200-204 (RFC 5761 §4 demultiplexing).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= 4 && (datagram[0] >> 6) == RtpPacket.RtpVersion && datagram[1] is >= 192 and <= 223;

    /// <summary>Parses a compound packet; false when the framing is broken (the datagram is then ignored as a whole).</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out IReadOnlyList<RtcpPacket> packets)
    {
        var result = new List<RtcpPacket>(3);
        packets = result;
        int offset = 0;
        while (offset < datagram.Length)
        {
            ReadOnlySpan<byte> rest = datagram[offset..];
            if (rest.Length < 4 || (rest[0] >> 6) != RtpPacket.RtpVersion)
            {
                return false;
            }

            int length = (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1) * 4;
            if (length > rest.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> packet = rest[..length];
            if ((packet[0] & 0x20) != 0)
            {
                // RFC 3550 §6.4.1: only the last packet of a compound may be padded.
                int padding = packet[^1];
                if (offset + length != datagram.Length || padding == 0 || padding > length - 4)
                {
                    return false;
                }

                packet = packet[..^padding];
            }

            int count = packet[0] & 0x1F;
            RtcpPacket? parsed = (RtcpPacketType)packet[1] switch
            {
                RtcpPacketType.SenderReport => RtcpSenderReport.Read(packet, count),
                RtcpPacketType.ReceiverReport => RtcpReceiverReport.Read(packet, count),
                RtcpPacketType.SourceDescription => RtcpSourceDescription.Read(packet, count),
                RtcpPacketType.Goodbye => RtcpGoodbye.Read(packet, count),
                _ => null,
            };
            if (parsed is not null)
            {
                result.Add(parsed);
            }
            else if (packet[1] is >= 200 and <= 203)
            {
                return false;
            }

            offset += length;
        }

        return result.Count > 0;
    }
}
