using System.Text;
using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

public class SipStreamFramerTests
{
    private static readonly byte[] Invite = SampleMessages.Bytes(SampleMessages.Invite);
    private static readonly byte[] Bye = SampleMessages.Bytes(SampleMessages.Bye);

    [Fact]
    public void Message_split_across_many_reads_comes_out_whole()
    {
        var framer = new SipStreamFramer();
        var received = new List<byte[]>();
        foreach (var b in Invite)
        {
            framer.Append([b]);
            while (framer.TryReadMessage(out var m))
            {
                received.Add(m);
            }
        }

        var message = Assert.Single(received);
        Assert.Equal(Invite, message);
        Assert.Equal(0, framer.BufferedBytes);
        Assert.IsType<SipRequest>(SipParser.Parse(message, datagram: false).Message);
    }

    [Fact]
    public void Two_messages_in_one_read_come_out_separately()
    {
        var framer = new SipStreamFramer();
        framer.Append([.. Invite, .. Bye, .. Invite.AsSpan(0, 10)]);
        Assert.True(framer.TryReadMessage(out var first));
        Assert.True(framer.TryReadMessage(out var second));
        Assert.False(framer.TryReadMessage(out _));
        Assert.Equal(Invite, first);
        Assert.Equal(Bye, second);
        Assert.Equal(10, framer.BufferedBytes);

        framer.Append(Invite.AsSpan(10));
        Assert.True(framer.TryReadMessage(out var third));
        Assert.Equal(Invite, third);
    }

    [Fact]
    public void Keep_alive_crlfs_are_skipped_and_pings_counted()
    {
        // RFC 5626 §3.5.1: CRLFCRLF is a ping; a lone CRLF (pong) is just skipped.
        var framer = new SipStreamFramer();
        framer.Append("\r\n\r\n"u8);
        Assert.Equal(SipFrameKind.KeepAlive, framer.TryRead(out var none));
        Assert.Null(none);
        Assert.Equal(SipFrameKind.NeedMoreData, framer.TryRead(out _));

        framer.Append("\r\n"u8);
        framer.Append("\r\n"u8);
        framer.Append([.. "\r\n"u8, .. Bye]);
        Assert.True(framer.TryReadMessage(out var message));
        Assert.Equal(Bye, message);
        Assert.Equal(2, framer.PingsReceived);
        framer.ResetPings();
        Assert.Equal(0, framer.PingsReceived);
    }

    [Fact]
    public void Bare_lf_header_terminator_is_framed()
    {
        var text = "OPTIONS sip:a@b.example SIP/2.0\nVia: SIP/2.0/TCP h.example;branch=z9hG4bK1\nl: 3\n\nabcOPTIONS";
        var framer = new SipStreamFramer();
        framer.Append(Encoding.ASCII.GetBytes(text));
        Assert.True(framer.TryReadMessage(out var message));
        Assert.EndsWith("\n\nabc", Encoding.ASCII.GetString(message), StringComparison.Ordinal);
        Assert.Equal(7, framer.BufferedBytes);
    }

    [Fact]
    public void Oversized_message_is_rejected_with_413()
    {
        var text = SampleMessages.Invite.Replace("Content-Length: " + SampleMessages.Sdp.Length, "Content-Length: 70000", StringComparison.Ordinal);
        var framer = new SipStreamFramer();
        framer.Append(SampleMessages.Bytes(text));
        Assert.Equal(SipFrameKind.Error, framer.TryRead(out _));
        Assert.True(framer.IsFaulted);
        Assert.Contains("exceeds", framer.FaultReason, StringComparison.Ordinal);
        var rejection = framer.Rejection!;
        Assert.Equal(413, rejection.StatusCode);
        Assert.Equal("a84b4c76e66710@pc33.carrier.example.net", rejection.CreateResponse()!.CallId);

        // Faulted framers ignore further input.
        framer.Append(Bye);
        Assert.False(framer.TryReadMessage(out _));
    }

    [Fact]
    public void Endless_header_section_is_rejected()
    {
        var framer = new SipStreamFramer(1024);
        framer.Append(Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\n"));
        for (var i = 0; i < 100 && !framer.IsFaulted; i++)
        {
            framer.Append(Encoding.ASCII.GetBytes("X-Filler: " + new string('x', 40) + "\r\n"));
            framer.TryRead(out _);
        }

        Assert.True(framer.IsFaulted);
        Assert.Equal(SipFrameKind.Error, framer.TryRead(out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Content-Length: ten\r\n")]
    [InlineData("Content-Length: 1\r\nContent-Length: 2\r\n")]
    public void Unframeable_stream_faults_with_a_400(string contentLength)
    {
        var text = SampleMessages.Bye.Replace("Content-Length: 0\r\n", contentLength, StringComparison.Ordinal);
        var framer = new SipStreamFramer();
        framer.Append(SampleMessages.Bytes(text));
        Assert.Equal(SipFrameKind.Error, framer.TryRead(out _));
        Assert.Equal(400, framer.Rejection!.StatusCode);
    }

    [Fact]
    public void Large_message_within_the_limit_grows_the_buffer()
    {
        var body = new string('a', 30000);
        var text = SampleMessages.Bye.Replace("Content-Length: 0", "Content-Length: 30000", StringComparison.Ordinal) + body;
        var bytes = SampleMessages.Bytes(text);
        var framer = new SipStreamFramer();
        for (var i = 0; i < bytes.Length; i += 1400)
        {
            framer.Append(bytes.AsSpan(i, Math.Min(1400, bytes.Length - i)));
        }

        Assert.True(framer.TryReadMessage(out var message));
        Assert.Equal(30000, SipParser.Parse(message, datagram: false).Message!.Body.Length);
    }
}
