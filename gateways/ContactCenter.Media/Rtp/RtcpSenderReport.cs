using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>RTCP sender report (RFC 3550 §6.4.1).</summary>
public sealed class RtcpSenderReport : RtcpPacket
{
    public override RtcpPacketType PacketType => RtcpPacketType.SenderReport;

    /// <summary>The sender's SSRC.</summary>
    public uint Ssrc { get; init; }

    /// <summary>64-bit NTP timestamp (seconds since 1900 in the high word, fraction in the low word).</summary>
    public ulong NtpTimestamp { get; init; }

    /// <summary>The RTP timestamp that corresponds to <see cref="NtpTimestamp"/>.</summary>
    public uint RtpTimestamp { get; init; }

    /// <summary>Packets sent since the start.</summary>
    public uint PacketCount { get; init; }

    /// <summary>Payload octets sent since the start.</summary>
    public uint OctetCount { get; init; }

    /// <summary>Reception reports (at most 31).</summary>
    public IReadOnlyList<RtcpReportBlock> ReportBlocks { get; init; } = [];

    public override int Length => 28 + (RtcpReportBlock.Size * ReportBlocks.Count);

    public override int WriteTo(Span<byte> destination)
    {
        int length = Length;
        WriteCommonHeader(destination, ReportBlocks.Count, PacketType, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], OctetCount);
        for (int i = 0; i < ReportBlocks.Count; i++)
        {
            ReportBlocks[i].WriteTo(destination[(28 + (i * RtcpReportBlock.Size))..]);
        }

        return length;
    }

    internal static RtcpSenderReport? Read(ReadOnlySpan<byte> packet, int count)
    {
        if (packet.Length < 28 + (count * RtcpReportBlock.Size))
        {
            return null;
        }

        var blocks = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = RtcpReportBlock.Read(packet[(28 + (i * RtcpReportBlock.Size))..]);
        }

        return new RtcpSenderReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            NtpTimestamp = BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
            RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            PacketCount = BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
            OctetCount = BinaryPrimitives.ReadUInt32BigEndian(packet[24..]),
            ReportBlocks = blocks,
        };
    }
}
