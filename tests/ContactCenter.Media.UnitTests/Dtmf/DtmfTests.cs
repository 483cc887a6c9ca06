using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.UnitTests.Dtmf;

public class DtmfTests
{
    [Fact]
    public void Telephone_event_payload_round_trips()
    {
        var value = new TelephoneEvent(11, End: true, Volume: 10, Duration: 800);
        var bytes = new byte[4];
        value.WriteTo(bytes);

        Assert.Equal(new byte[] { 11, 0x8A, 0x03, 0x20 }, bytes);
        Assert.True(TelephoneEvent.TryParse(bytes, out TelephoneEvent parsed));
        Assert.Equal(value, parsed);
        Assert.Equal('#', parsed.Digit);
        Assert.False(TelephoneEvent.TryParse(bytes.AsSpan(0, 3), out _));
        Assert.Null(TelephoneEvent.ToDigit(16)); // flash is not a digit
    }

    [Fact]
    public void Digit_5_is_sent_as_rfc_4733_packets_with_marker_first_and_three_end_packets()
    {
        IReadOnlyList<RtpPacket> packets = DtmfSender.CreatePackets('5', TimeSpan.FromMilliseconds(100), 101, firstSequence: 65534, timestamp: 123456, ssrc: 9);

        Assert.Equal(7, packets.Count);
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        Assert.All(packets, p => Assert.Equal((101, 123456u, 9u), (p.PayloadType, p.Timestamp, p.Ssrc)));
        Assert.Equal(new ushort[] { 65534, 65535, 0, 1, 2, 3, 4 }, packets.Select(p => p.SequenceNumber));

        TelephoneEvent[] events = [.. packets.Select(p => TelephoneEvent.TryParse(p.Payload.Span, out TelephoneEvent e) ? e : default)];
        Assert.All(events, e => Assert.Equal(5, e.Event));
        Assert.Equal(new ushort[] { 160, 320, 480, 640, 800, 800, 800 }, events.Select(e => e.Duration));
        Assert.Equal([false, false, false, false, true, true, true], events.Select(e => e.End));
        Assert.All(events, e => Assert.Equal(10, e.Volume));
    }

    [Fact]
    public void Sender_refuses_non_dtmf_characters()
    {
        Assert.Throws<ArgumentException>(() => new DtmfSender().Start('x', TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Receiver_reports_each_digit_once_in_order_despite_retransmissions_and_a_lost_start()
    {
        var packets = new List<RtpPacket>();
        ushort sequence = 100;
        uint timestamp = 8000;
        foreach (char digit in "123#")
        {
            IReadOnlyList<RtpPacket> train = DtmfSender.CreatePackets(digit, TimeSpan.FromMilliseconds(80), 101, sequence, timestamp, 77);
            packets.AddRange(digit == '2' ? train.Skip(1) : train); // the start of '2' is lost
            sequence += (ushort)train.Count;
            timestamp += 1600;
        }

        // A retransmitted end packet of '1' straggles in after '2' began.
        RtpPacket straggler = packets[5];
        packets.Insert(9, straggler);
        // Only the end packets of '3' got through.
        packets.RemoveAll(p => p.Timestamp == 8000 + 3200 && TelephoneEvent.TryParse(p.Payload.Span, out TelephoneEvent e) && !e.End);

        var receiver = new DtmfReceiver();
        string digits = string.Concat(packets.Select(p => receiver.Process(p)).Where(d => d is not null));

        Assert.Equal("123#", digits);
        Assert.Equal(4, receiver.DigitsReceived);
    }

    [Fact]
    public void The_same_digit_twice_is_two_presses()
    {
        var receiver = new DtmfReceiver();
        var first = DtmfSender.CreatePackets('7', TimeSpan.FromMilliseconds(60), 101, 1, 1000, 5);
        var second = DtmfSender.CreatePackets('7', TimeSpan.FromMilliseconds(60), 101, 20, 3000, 5);
        Assert.Equal("77", string.Concat(first.Concat(second).Select(p => receiver.Process(p)).Where(d => d is not null)));
    }

    [Fact]
    public void A_long_event_split_into_segments_is_one_press()
    {
        // RFC 4733 §2.5.1.3: the second segment starts at the first's timestamp plus its duration.
        var receiver = new DtmfReceiver();
        RtpPacket Segment(uint ts, ushort duration, ushort seq) =>
            new(101, seq, ts, 5, EventBytes(new TelephoneEvent(1, false, 10, duration)));
        char? a = receiver.Process(Segment(1000, 65000, 1));
        char? b = receiver.Process(Segment(1000 + 65000, 160, 2));
        Assert.Equal('1', a);
        Assert.Null(b);
    }

    [Fact]
    public void Non_dtmf_events_and_short_payloads_are_ignored()
    {
        var receiver = new DtmfReceiver();
        Assert.Null(receiver.Process(new RtpPacket(101, 1, 1, 1, EventBytes(new TelephoneEvent(16, false, 10, 160)))));
        Assert.Null(receiver.Process(new RtpPacket(101, 2, 2, 1, new byte[] { 1, 2 })));
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', 160)]
    [InlineData("application/dtmf-relay; charset=utf-8", "signal = #\nduration= 250", '#', 250)]
    [InlineData("Application/DTMF-Relay", "Signal=*", '*', null)]
    [InlineData("application/dtmf-relay", "Signal=11\r\nDuration=100", '#', 100)]
    [InlineData("application/dtmf-relay", "Signal=b\r\n", 'B', null)]
    [InlineData("application/dtmf", "7", '7', null)]
    [InlineData("application/dtmf", "10\r\n", '*', null)]
    public void Info_bodies_are_parsed(string contentType, string body, char digit, int? duration)
    {
        Assert.True(DtmfRelayParser.IsSupported(contentType));
        Assert.True(DtmfRelayParser.TryParse(contentType, body, out char parsed, out int? ms));
        Assert.Equal(digit, parsed);
        Assert.Equal(duration, ms);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Signal=X\r\nDuration=160")]
    [InlineData("application/dtmf-relay", "Duration=160")]
    [InlineData("application/dtmf", "")]
    [InlineData("application/sdp", "Signal=5")]
    [InlineData(null, "Signal=5")]
    public void Bad_info_bodies_are_refused(string? contentType, string body)
    {
        Assert.False(DtmfRelayParser.TryParse(contentType, body, out _, out _));
    }

    private static byte[] EventBytes(TelephoneEvent value)
    {
        var bytes = new byte[4];
        value.WriteTo(bytes);
        return bytes;
    }
}
