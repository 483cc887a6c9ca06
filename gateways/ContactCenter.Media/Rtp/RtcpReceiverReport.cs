using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>RTCP receiver report (RFC 3550 §6.4.2): sent instead of an SR when we sent no RTP since the last report.</summary>
public sealed class RtcpReceiverReport : RtcpPacket
{
    public override RtcpPacketType PacketType => RtcpPacketType.ReceiverReport;

    /// <summary>The reporter's SSRC.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Reception reports (at most 31).</summary>
    public IReadOnlyList<RtcpReportBlock> ReportBlocks { get; init; } = [];

    public override int Length => 8 + (RtcpReportBlock.Size * ReportBlocks.Count);

    public override int WriteTo(Span<byte> destination)
    {
        int length = Length;
        WriteCommonHeader(destination, ReportBlocks.Count, PacketType, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        for (int i = 0; i < ReportBlocks.Count; i++)
        {
            ReportBlocks[i].WriteTo(destination[(8 + (i * RtcpReportBlock.Size))..]);
        }

        return length;
    }

    internal static RtcpReceiverReport? Read(ReadOnlySpan<byte> packet, int count)
    {
        if (packet.Length < 8 + (count * RtcpReportBlock.Size))
        {
            return null;
        }

        var blocks = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = RtcpReportBlock.Read(packet[(8 + (i * RtcpReportBlock.Size))..]);
        }

        return new RtcpReceiverReport { Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), ReportBlocks = blocks };
    }
}
