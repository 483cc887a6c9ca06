using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.UnitTests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void Minimal_packet_round_trips_with_the_rfc_3550_header_layout()
    {
        var packet = new RtpPacket(8, 0xBEEF, 0x01020304, 0xCAFEBABE, new byte[] { 1, 2, 3 }, marker: true);

        byte[] bytes = packet.ToArray();

        Assert.Equal(new byte[] { 0x80, 0x88, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xCA, 0xFE, 0xBA, 0xBE, 1, 2, 3 }, bytes);
        Assert.True(RtpPacket.TryParse(bytes, out RtpPacket parsed));
        Assert.True(parsed.Marker);
        Assert.Equal((8, (ushort)0xBEEF, 0x01020304u, 0xCAFEBABEu), (parsed.PayloadType, parsed.SequenceNumber, parsed.Timestamp, parsed.Ssrc));
        Assert.Equal(new byte[] { 1, 2, 3 }, parsed.Payload.ToArray());
        Assert.Empty(parsed.Csrcs);
    }

    [Fact]
    public void Csrcs_extension_and_padding_round_trip()
    {
        var packet = new RtpPacket(0, 1, 160, 42, new byte[] { 9, 9, 9, 9, 9 })
        {
            Csrcs = [7u, 8u],
            HasExtension = true,
            ExtensionProfile = 0xBEDE,
            ExtensionData = new byte[] { 0x10, 0xAA, 0, 0 },
            PaddingLength = 3,
        };

        byte[] bytes = packet.ToArray();
        Assert.Equal(12 + 8 + 4 + 4 + 5 + 3, bytes.Length);
        Assert.Equal(0x80 | 0x20 | 0x10 | 2, bytes[0]);
        Assert.Equal(3, bytes[^1]);

        Assert.True(RtpPacket.TryParse(bytes, out RtpPacket parsed));
        Assert.Equal([7u, 8u], parsed.Csrcs);
        Assert.True(parsed.HasExtension);
        Assert.Equal(0xBEDE, parsed.ExtensionProfile);
        Assert.Equal(new byte[] { 0x10, 0xAA, 0, 0 }, parsed.ExtensionData.ToArray());
        Assert.Equal(3, parsed.PaddingLength);
        Assert.Equal(new byte[] { 9, 9, 9, 9, 9 }, parsed.Payload.ToArray());
        Assert.Equal(bytes, parsed.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]            // 11 bytes
    [InlineData(new byte[] { 0x40, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]         // version 1
    [InlineData(new byte[] { 0x81, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]         // CSRC count beyond the data
    [InlineData(new byte[] { 0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5 })] // extension longer than the data
    [InlineData(new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9 })] // padding longer than the packet
    [InlineData(new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 })] // padding count 0
    [InlineData(new byte[] { 0x80, 0xC8, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1 })]         // an RTCP SR (RFC 5761)
    public void Garbage_is_refused_without_throwing(byte[] data)
    {
        Assert.False(RtpPacket.TryParse(data, out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(1);
        var buffer = new byte[64];
        for (int i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            int length = random.Next(0, buffer.Length);
            if (RtpPacket.TryParse(buffer.AsMemory(0, length), out RtpPacket packet))
            {
                Assert.True(packet.Length <= length);
            }
        }
    }

    [Fact]
    public void Parsing_does_not_copy_the_payload()
    {
        byte[] bytes = new RtpPacket(0, 1, 2, 3, new byte[] { 5, 6 }).ToArray();
        Assert.True(RtpPacket.TryParse(bytes, out RtpPacket parsed));
        bytes[12] = 99;
        Assert.Equal(99, parsed.Payload.Span[0]);
    }
}
