using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

public class SipRequestValidatorTests
{
    private static SipRequest Request(string text) =>
        Assert.IsType<SipRequest>(SipParser.Parse(SampleMessages.Bytes(text)).Message);

    private static string WithMethod(string method) =>
        SampleMessages.Options.Replace("OPTIONS", method, StringComparison.Ordinal);

    [Fact]
    public void Typical_requests_pass()
    {
        Assert.Null(SipRequestValidator.Validate(Request(SampleMessages.Invite)));
        Assert.Null(SipRequestValidator.Validate(Request(SampleMessages.Bye)));
        Assert.Null(SipRequestValidator.Validate(Request(SampleMessages.Options)));
    }

    [Theory]
    [InlineData("REGISTER", 405)]
    [InlineData("SUBSCRIBE", 405)]
    [InlineData("PRACK", 405)]
    [InlineData("PUBLISH", 501)]
    [InlineData("INFO", null)]
    [InlineData("NOTIFY", null)]
    [InlineData("ACK", null)]
    public void Methods_are_checked(string method, int? status)
    {
        var error = SipRequestValidator.Validate(Request(WithMethod(method)));
        Assert.Equal(status, error?.StatusCode);
        if (status == 405)
        {
            Assert.Equal(new SipHeader("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REFER, NOTIFY"), Assert.Single(error!.ExtraHeaders));
        }
    }

    [Fact]
    public void Require_with_unknown_options_gets_420_and_timer_passes()
    {
        var ok = SampleMessages.Options.Replace("Accept:", "Require: timer\r\nAccept:", StringComparison.Ordinal);
        Assert.Null(SipRequestValidator.Validate(Request(ok)));

        var bad = SampleMessages.Options.Replace("Accept:", "Require: timer, 100rel\r\nRequire: precondition\r\nAccept:", StringComparison.Ordinal);
        var error = SipRequestValidator.Validate(Request(bad))!;
        Assert.Equal(420, error.StatusCode);
        Assert.Equal(new SipHeader("Unsupported", "100rel, precondition"), Assert.Single(error.ExtraHeaders));
    }

    [Fact]
    public void Ack_and_cancel_are_not_rejected_for_require()
    {
        var ack = WithMethod("ACK").Replace("Accept:", "Require: 100rel\r\nAccept:", StringComparison.Ordinal);
        Assert.Null(SipRequestValidator.Validate(Request(ack)));
        var cancel = WithMethod("CANCEL").Replace("Accept:", "Require: 100rel\r\nAccept:", StringComparison.Ordinal);
        Assert.Null(SipRequestValidator.Validate(Request(cancel)));
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData("application/sdp", null)]
    [InlineData("Application/SDP; charset=utf-8", null)]
    [InlineData("application/dtmf-relay", null)]
    [InlineData("message/sipfrag;version=2.0", null)]
    public void Body_types_are_checked(string contentType, int? status)
    {
        var text = SampleMessages.Options.Replace("Content-Length: 0\r\n\r\n", "Content-Type: " + contentType + "\r\nContent-Length: 4\r\n\r\nabcd", StringComparison.Ordinal);
        var error = SipRequestValidator.Validate(Request(text));
        Assert.Equal(status, error?.StatusCode);
        if (error is not null)
        {
            var accept = Assert.Single(error.ExtraHeaders);
            Assert.Equal("Accept", accept.Name);
            Assert.Contains("application/sdp", accept.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_content_encoding_gets_415_with_accept_encoding()
    {
        var text = SampleMessages.Invite.Replace("Content-Type:", "Content-Encoding: gzip\r\nContent-Type:", StringComparison.Ordinal);
        var error = SipRequestValidator.Validate(Request(text))!;
        Assert.Equal(415, error.StatusCode);
        Assert.Equal(new SipHeader("Accept-Encoding", "identity"), Assert.Single(error.ExtraHeaders));
    }

    [Theory]
    [InlineData("text/html", 406)]
    [InlineData("application/sdp, text/html", null)]
    [InlineData("application/*", null)]
    [InlineData("*/*", null)]
    public void Invite_accept_must_allow_sdp(string accept, int? status)
    {
        var text = SampleMessages.Invite.Replace("Content-Type:", "Accept: " + accept + "\r\nContent-Type:", StringComparison.Ordinal);
        Assert.Equal(status, SipRequestValidator.Validate(Request(text))?.StatusCode);
    }
}
