using System.Text;
using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

public class SipParserTests
{
    private static SipRequest ParseRequest(string text)
    {
        var result = SipParser.Parse(SampleMessages.Bytes(text));
        Assert.True(result.IsSuccess, result.ToString());
        return Assert.IsType<SipRequest>(result.Message);
    }

    private static SipParseResult Parse(string text) => SipParser.Parse(SampleMessages.Bytes(text));

    [Fact]
    public void Typical_invite_parses_every_typed_value()
    {
        var r = ParseRequest(SampleMessages.Invite);
        Assert.Equal(SipMethods.Invite, r.Method);
        Assert.Same(SipMethods.Invite, r.Method);
        Assert.Equal("+15551234567", r.RequestUri.User);
        Assert.Equal(5060, r.RequestUri.Port);
        Assert.Equal("phone", r.RequestUri.Parameters["user"]);
        Assert.Equal(2, r.Vias.Count);
        Assert.Equal("z9hG4bK776asdhds", r.TopVia!.Branch);
        Assert.True(r.TopVia.HasRport);
        Assert.True(r.TopVia.IsRfc3261Branch);
        Assert.Equal("198.51.100.1", r.Vias[1].Received);
        Assert.Equal(69, r.MaxForwards);
        Assert.Equal("Alice Caller", r.From!.DisplayName);
        Assert.Equal("1928301774", r.From.Tag);
        Assert.Null(r.To!.Tag);
        Assert.Equal("a84b4c76e66710@pc33.carrier.example.net", r.CallId);
        Assert.Equal(new CSeqHeader(314159, "INVITE"), r.CSeq);
        Assert.Equal("udp", Assert.Single(r.Contacts).Uri.Transport);
        Assert.True(Assert.Single(r.RecordRoutes).Uri.IsLooseRouter);
        Assert.Equal(9, r.Headers.GetAll("Allow").Count());
        Assert.Equal(["timer", "replaces"], r.Headers.GetAll("Supported"));
        Assert.Equal("application/sdp", r.ContentType);
        Assert.Equal(SampleMessages.Sdp, Encoding.ASCII.GetString(r.Body));
    }

    [Fact]
    public void Compact_forms_and_odd_case_expand_to_canonical_names()
    {
        var r = ParseRequest(
            "OPTIONS sip:a@b.example SIP/2.0\r\n" +
            "v: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\n" +
            "f: <sip:x@y.example>;tag=1\r\n" +
            "T: <sip:a@b.example>\r\n" +
            "i: cid-1\r\n" +
            "CSEQ: 1 OPTIONS\r\n" +
            "m: <sip:x@1.2.3.4>\r\n" +
            "k: timer\r\n" +
            "x: 90\r\n" +
            "max-forwards: 70\r\n" +
            "c: application/sdp\r\n" +
            "l: 0\r\n\r\n");
        Assert.Equal(
            ["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Supported", "Session-Expires", "Max-Forwards", "Content-Type", "Content-Length"],
            r.Headers.Select(h => h.Name));
        Assert.Equal("cid-1", r.Headers.Get("i"));
        Assert.Equal("cid-1", r.Headers.Get("call-id"));
    }

    [Fact]
    public void Folded_lines_and_bare_lf_are_tolerated()
    {
        var r = ParseRequest(
            "OPTIONS sip:a@b.example SIP/2.0\n" +
            "Via: SIP/2.0/UDP h.example\n\t;branch=z9hG4bK1\n" +
            "From: <sip:x@y.example>\n   ;tag=1\n" +
            "To: <sip:a@b.example>\n" +
            "Call-ID: cid-2\n" +
            "CSeq: 2\n OPTIONS\n" +
            "Subject: one\r\n  two\r\n\tthree\n" +
            "Content-Length: 4\n\nbody");
        Assert.Equal("z9hG4bK1", r.TopVia!.Branch);
        Assert.Equal("1", r.From!.Tag);
        Assert.Equal(2u, r.CSeq!.Number);
        Assert.Equal("one two three", r.Headers.Get("Subject"));
        Assert.Equal("body", Encoding.ASCII.GetString(r.Body));
    }

    [Fact]
    public void Comma_lists_split_outside_quotes_and_brackets_only()
    {
        var r = ParseRequest(
            "OPTIONS sip:a@b.example SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP h1.example;branch=z9hG4bK1, SIP/2.0/TCP h2.example:5070;branch=z9hG4bK2\r\n" +
            "From: \"Doe, John\" <sip:x@y.example>;tag=1\r\n" +
            "To: <sip:a@b.example>\r\n" +
            "Call-ID: cid-3\r\n" +
            "CSeq: 3 OPTIONS\r\n" +
            "Contact: \"A, B\" <sip:a@h1.example>;x=\"1,2\", <sip:b@h2.example>;q=0.5\r\n" +
            "Route: <sip:p1.example;lr>,<sip:p2.example;lr>\r\n" +
            "Content-Length: 0\r\n\r\n");
        Assert.Equal(2, r.Vias.Count);
        Assert.Equal(5070, r.Vias[1].Port);
        Assert.Equal("Doe, John", r.From!.DisplayName);
        Assert.Equal(2, r.Contacts.Count);
        Assert.Equal("A, B", r.Contacts[0].DisplayName);
        Assert.Equal("\"1,2\"", r.Contacts[0].Parameters["x"]);
        Assert.Equal("0.5", r.Contacts[1].Parameters["q"]);
        Assert.Equal(["p1.example", "p2.example"], r.Routes.Select(x => x.Uri.Host));
        Assert.Equal(2, r.Headers.CountOf("Contact"));
    }

    [Fact]
    public void Leading_crlfs_are_skipped_and_a_keep_alive_is_dropped()
    {
        Assert.True(ParseRequest("\r\n\r\n" + SampleMessages.Bye).Method == SipMethods.Bye);
        Assert.True(SipParser.Parse("\r\n\r\n"u8).Drop);
        Assert.True(SipParser.Parse([]).Drop);
    }

    [Fact]
    public void Udp_bytes_beyond_content_length_are_discarded()
    {
        // RFC 3261 §18.3
        var r = ParseRequest(SampleMessages.Bye.Replace("Content-Length: 0", "Content-Length: 3", StringComparison.Ordinal) + "abcdefgh");
        Assert.Equal("abc", Encoding.ASCII.GetString(r.Body));
    }

    [Fact]
    public void Udp_without_content_length_takes_the_rest_of_the_datagram()
    {
        var r = ParseRequest(SampleMessages.Bye.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal) + "xyz");
        Assert.Equal("xyz", Encoding.ASCII.GetString(r.Body));
    }

    [Fact]
    public void Stream_message_without_content_length_is_a_400()
    {
        var text = SampleMessages.Bye.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);
        var result = SipParser.Parse(SampleMessages.Bytes(text), datagram: false);
        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Theory]
    [InlineData("Content-Length: 10")]
    [InlineData("Content-Length: -1")]
    [InlineData("Content-Length: abc")]
    [InlineData("Content-Length: 99999999999999999999")]
    public void Bad_or_short_content_length_is_a_400(string header)
    {
        var result = Parse(SampleMessages.Bye.Replace("Content-Length: 0", header, StringComparison.Ordinal));
        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Fact]
    public void Request_without_via_is_dropped()
    {
        var result = Parse(SampleMessages.Bye.Replace("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds7\r\n", string.Empty, StringComparison.Ordinal));
        Assert.True(result.Drop);
    }

    [Fact]
    public void Malformed_ack_is_never_answered()
    {
        // RFC 3261 §17.2.3: ACK gets no response.
        var ack = SampleMessages.Bye.Replace("BYE", "ACK", StringComparison.Ordinal).Replace("Call-ID:", "Call-ID: a\r\nCall-ID:", StringComparison.Ordinal);
        Assert.True(Parse(ack).Drop);

        var unknownScheme = SampleMessages.Bye.Replace("BYE sip:gw@203.0.113.5:5060", "ACK im:gw@example.com", StringComparison.Ordinal)
            .Replace("314160 BYE", "314160 ACK", StringComparison.Ordinal);
        Assert.True(Parse(unknownScheme).Drop);
        Assert.Equal(416, Parse(unknownScheme.Replace("ACK", "BYE", StringComparison.Ordinal)).Error!.StatusCode);
    }

    [Fact]
    public void Malformed_response_is_dropped()
    {
        Assert.True(Parse(SampleMessages.Ok.Replace("CSeq: 314159 INVITE", "CSeq: x INVITE", StringComparison.Ordinal)).Drop);
        Assert.True(Parse(SampleMessages.Ok.Replace("SIP/2.0 200 OK", "SIP/2.0 20 OK", StringComparison.Ordinal)).Drop);
        Assert.True(Parse(SampleMessages.Ok.Replace("SIP/2.0 200 OK", "SIP/3.0 200 OK", StringComparison.Ordinal)).Drop);
    }

    [Fact]
    public void Response_parses_status_reason_and_body()
    {
        var result = Parse(SampleMessages.Ok);
        var ok = Assert.IsType<SipResponse>(result.Message);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("OK", ok.ReasonPhrase);
        Assert.Equal(5060, ok.TopVia!.Rport);
        Assert.Equal("a6c85cf", ok.To!.Tag);
        Assert.True(ok.IsSuccess);
        Assert.Empty(ok.Body);
    }

    [Fact]
    public void Request_uri_with_tel_scheme_is_accepted_and_unknown_scheme_gets_416()
    {
        var tel = ParseRequest(SampleMessages.Options.Replace("OPTIONS sip:gw.example.com", "OPTIONS tel:+1-201-555-0123;phone-context=example.com", StringComparison.Ordinal));
        Assert.Equal("tel", tel.RequestUri.Scheme);
        Assert.Equal("+1-201-555-0123", tel.RequestUri.User);
        Assert.Equal("example.com", tel.RequestUri.Parameters["phone-context"]);

        var result = Parse(SampleMessages.Options.Replace("OPTIONS sip:gw.example.com", "OPTIONS im:user@example.com", StringComparison.Ordinal));
        Assert.Equal(416, result.Error!.StatusCode);
    }

    [Fact]
    public void Error_request_has_a_canonical_top_via_for_routing_the_answer()
    {
        var result = Parse(SampleMessages.Options.Replace("branch=z9hG4bKhjhs8ass877", "branch=z9hG4bKhjhs8ass877;;", StringComparison.Ordinal));
        var error = result.Error!;
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("SIP/2.0/TCP 192.0.2.20:5060;branch=z9hG4bKhjhs8ass877", error.Request!.Headers.Get("Via"));
        var response = error.CreateResponse("abc")!;
        Assert.Equal("abc", response.To!.Tag);
        Assert.Equal("z9hG4bKhjhs8ass877", response.TopVia!.Branch);
    }

    [Fact]
    public void Oversized_datagram_is_dropped()
    {
        var big = SampleMessages.Bye.Replace("Content-Length: 0\r\n\r\n", "Content-Length: 70000\r\n\r\n", StringComparison.Ordinal) + new string('a', 70000);
        Assert.True(Parse(big).Drop);
    }

    [Fact]
    public void Repeated_single_value_header_is_a_400()
    {
        var result = Parse(SampleMessages.Bye.Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nMax-Forwards: 70\r\n", StringComparison.Ordinal));
        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Fact]
    public void Serialising_writes_full_names_and_a_correct_content_length()
    {
        var r = ParseRequest(SampleMessages.Invite.Replace("Content-Type:", "c:", StringComparison.Ordinal));
        r.Body = "v=0\r\n"u8.ToArray();
        var text = Encoding.UTF8.GetString(r.ToBytes());
        Assert.StartsWith("INVITE sip:+15551234567@gw.example.com:5060;user=phone SIP/2.0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/sdp\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 5\r\n\r\nv=0\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nv=0\r\n", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Content-Length"));

        var built = new SipRequest(SipMethods.Options, SipUri.Parse("sip:x@example.com"));
        built.Headers.Add("v", "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKabc");
        var bytes = Encoding.UTF8.GetString(built.ToBytes());
        Assert.Equal("OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKabc\r\nContent-Length: 0\r\n\r\n", bytes);
    }

    [Fact]
    public void Typed_setters_rewrite_headers()
    {
        var r = ParseRequest(SampleMessages.Invite);
        var via = r.TopVia!;
        via.Received = "203.0.113.9";
        via.Rport = 40000;
        r.TopVia = via;
        Assert.Equal(2, r.Vias.Count);
        Assert.Equal("203.0.113.9", r.TopVia!.Received);
        Assert.Equal(40000, r.TopVia.Rport);
        Assert.Equal("198.51.100.1", r.Vias[1].Host);

        var to = r.To!;
        to.Tag = "xyz";
        r.To = to;
        Assert.Equal("<sip:+15551234567@gw.example.com>;tag=xyz", r.Headers.Get("To"));

        r.CSeq = new CSeqHeader(7, SipMethods.Invite);
        r.MaxForwards = 10;
        r.CallId = null;
        Assert.Equal("7 INVITE", r.Headers.Get("CSeq"));
        Assert.Equal("10", r.Headers.Get("Max-Forwards"));
        Assert.False(r.Headers.Contains("Call-ID"));

        r.Routes = [NameAddress.Parse("<sip:p.example;lr>")];
        Assert.Equal("<sip:p.example;lr>", r.Headers.Get("Route"));
    }

    [Fact]
    public void Clone_is_deep()
    {
        var r = ParseRequest(SampleMessages.Invite);
        var copy = Assert.IsType<SipRequest>(r.Clone());
        copy.Headers.Set("Call-ID", "other");
        copy.Body[0] = (byte)'X';
        Assert.Equal("a84b4c76e66710@pc33.carrier.example.net", r.CallId);
        Assert.Equal((byte)'v', r.Body[0]);
        Assert.Equal(r.RequestUri, copy.RequestUri);
    }

    [Fact]
    public void CreateFor_copies_vias_in_order_and_dialog_headers()
    {
        // RFC 3261 §8.2.6.2
        var r = ParseRequest(SampleMessages.Invite);
        var response = SipResponse.CreateFor(r, 180);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(["Via", "Via", "From", "To", "Call-ID", "CSeq"], response.Headers.Select(h => h.Name));
        Assert.Equal(r.Vias.Select(v => v.Branch), response.Vias.Select(v => v.Branch));
        var reparsed = Assert.IsType<SipResponse>(SipParser.Parse(response.ToBytes()).Message);
        Assert.Equal(180, reparsed.StatusCode);
        Assert.Equal(r.CallId, reparsed.CallId);
    }
}
