using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.UnitTests.Rtp;

public class RtcpPacketTests
{
    [Fact]
    public void Sender_report_sdes_and_bye_round_trip_as_one_compound_packet()
    {
        var block = new RtcpReportBlock(0x11223344, 25, -3, 0x0001FFFF, 77, 0xAABBCCDD, 65536);
        RtcpPacket[] packets =
        [
            new RtcpSenderReport { Ssrc = 1, NtpTimestamp = 0xE1234567_89ABCDEF, RtpTimestamp = 160, PacketCount = 50, OctetCount = 8000, ReportBlocks = [block] },
            new RtcpSourceDescription { Chunks = [new RtcpSdesChunk(1, "gw@192.0.2.1")] },
            new RtcpGoodbye { Ssrcs = [1], Reason = "hangup" },
        ];

        byte[] bytes = RtcpCompoundPacket.ToArray(packets);

        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal(0x81, bytes[0]); // V=2, one report block
        Assert.Equal(200, bytes[1]);
        Assert.Equal(12, (bytes[2] << 8) | bytes[3]); // (28 + 24) / 4 - 1
        Assert.True(RtcpCompoundPacket.IsRtcp(bytes));
        Assert.True(RtcpCompoundPacket.TryParse(bytes, out IReadOnlyList<RtcpPacket> parsed));
        Assert.Equal(3, parsed.Count);

        var sr = Assert.IsType<RtcpSenderReport>(parsed[0]);
        Assert.Equal((1u, 0xE1234567_89ABCDEFUL, 160u, 50u, 8000u), (sr.Ssrc, sr.NtpTimestamp, sr.RtpTimestamp, sr.PacketCount, sr.OctetCount));
        Assert.Equal(block, Assert.Single(sr.ReportBlocks));
        Assert.Equal("gw@192.0.2.1", Assert.Single(Assert.IsType<RtcpSourceDescription>(parsed[1]).Chunks).Cname);
        var bye = Assert.IsType<RtcpGoodbye>(parsed[2]);
        Assert.Equal([1u], bye.Ssrcs);
        Assert.Equal("hangup", bye.Reason);
    }

    [Fact]
    public void Receiver_report_round_trips()
    {
        var rr = new RtcpReceiverReport { Ssrc = 9, ReportBlocks = [new RtcpReportBlock(5, 0, 0x7FFFFF, 1, 2, 0, 0)] };
        Assert.True(RtcpCompoundPacket.TryParse(rr.ToArray(), out IReadOnlyList<RtcpPacket> parsed));
        var back = Assert.IsType<RtcpReceiverReport>(Assert.Single(parsed));
        Assert.Equal(9u, back.Ssrc);
        Assert.Equal(0x7FFFFF, back.ReportBlocks[0].CumulativeLost);
    }

    [Fact]
    public void Sdes_with_several_items_reads_the_cname()
    {
        // SDES: one chunk with NAME (2) "ab" then CNAME (1) "x@y", then the terminating zero.
        byte[] bytes = [0x81, 202, 0, 4, 0, 0, 0, 7, 2, 2, (byte)'a', (byte)'b', 1, 3, (byte)'x', (byte)'@', (byte)'y', 0, 0, 0];
        Assert.True(RtcpCompoundPacket.TryParse(bytes, out IReadOnlyList<RtcpPacket> parsed));
        RtcpSdesChunk chunk = Assert.Single(Assert.IsType<RtcpSourceDescription>(Assert.Single(parsed)).Chunks);
        Assert.Equal((7u, "x@y"), (chunk.Ssrc, chunk.Cname));
    }

    [Fact]
    public void Unknown_packet_types_are_skipped()
    {
        byte[] app = [0x80, 204, 0, 2, 0, 0, 0, 1, (byte)'T', (byte)'E', (byte)'S', (byte)'T'];
        byte[] rr = new RtcpReceiverReport { Ssrc = 3 }.ToArray();
        Assert.True(RtcpCompoundPacket.TryParse([.. rr, .. app], out IReadOnlyList<RtcpPacket> parsed));
        Assert.IsType<RtcpReceiverReport>(Assert.Single(parsed));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 201, 0, 9, 0, 0, 0, 1 })]   // length beyond the datagram
    [InlineData(new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 1 })]   // version 1
    [InlineData(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 })]   // claims a report block it does not have
    [InlineData(new byte[] { 0x80, 201 })]
    public void Broken_framing_is_refused_without_throwing(byte[] data)
    {
        Assert.False(RtcpCompoundPacket.TryParse(data, out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(2);
        var buffer = new byte[80];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F));
            buffer[1] = (byte)(200 + (buffer[1] % 5));
            int length = random.Next(0, buffer.Length);
            if (RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out IReadOnlyList<RtcpPacket> parsed))
            {
                Assert.NotEmpty(parsed);
            }
        }
    }

    [Fact]
    public void Rtp_is_not_mistaken_for_rtcp()
    {
        Assert.False(RtcpCompoundPacket.IsRtcp(new RtpPacket(0, 1, 2, 3, new byte[160]).ToArray()));
        Assert.False(RtcpCompoundPacket.IsRtcp(new RtpPacket(101, 1, 2, 3, new byte[4], marker: true).ToArray()));
    }
}
