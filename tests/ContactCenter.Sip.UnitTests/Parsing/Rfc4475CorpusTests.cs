using System.Text;
using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

/// <summary>
/// Every RFC 4475 torture message yields the outcome the RFC asks for. Where the RFC allows
/// either rejecting or liberal parsing (§3.1.2.9–§3.1.2.14), the table records our choice.
/// </summary>
public class Rfc4475CorpusTests
{
    public enum Outcome
    {
        /// <summary>Parses; the validator answer (if any) is in <see cref="Expectation.ValidatorStatus"/>.</summary>
        Message,

        /// <summary>The parser returns an answerable error with this status.</summary>
        Error,

        /// <summary>Silently dropped (bad responses, unanswerable requests).</summary>
        Drop,
    }

    public sealed record Expectation(string Section, Outcome Outcome, int? Status = null, int? ValidatorStatus = null);

    /// <summary>Expected outcome per file: RFC 4475 section, parse outcome, status, validator status.</summary>
    public static readonly IReadOnlyDictionary<string, Expectation> Expected = new Dictionary<string, Expectation>
    {
        // §3.1.1 valid messages
        ["wsinv"] = new("3.1.1.1", Outcome.Message),
        ["intmeth"] = new("3.1.1.2", Outcome.Message, ValidatorStatus: 501),     // unknown method → 501 (RFC 3261 §8.2.1)
        ["esc01"] = new("3.1.1.3", Outcome.Message),
        ["escnull"] = new("3.1.1.4", Outcome.Message, ValidatorStatus: 405),     // REGISTER: not a registrar
        ["esc02"] = new("3.1.1.5", Outcome.Message, ValidatorStatus: 501),       // RE%47IST%45R is not REGISTER
        ["lwsdisp"] = new("3.1.1.6", Outcome.Message),
        ["longreq"] = new("3.1.1.7", Outcome.Message),
        ["dblreq"] = new("3.1.1.8", Outcome.Message, ValidatorStatus: 405),      // first request only
        ["semiuri"] = new("3.1.1.9", Outcome.Message),
        ["transports"] = new("3.1.1.10", Outcome.Message),
        ["mpart01"] = new("3.1.1.11", Outcome.Message, ValidatorStatus: 405),    // MESSAGE not allowed here
        ["unreason"] = new("3.1.1.12", Outcome.Message),
        ["noreason"] = new("3.1.1.13", Outcome.Message),

        // §3.1.2 invalid messages
        ["badinv01"] = new("3.1.2.1", Outcome.Error, 400),
        ["clerr"] = new("3.1.2.2", Outcome.Error, 400),
        ["ncl"] = new("3.1.2.3", Outcome.Error, 400),
        ["scalar02"] = new("3.1.2.4", Outcome.Error, 400),
        ["scalarlg"] = new("3.1.2.5", Outcome.Drop),                             // bad response: discard
        ["quotbal"] = new("3.1.2.6", Outcome.Error, 400),
        ["ltgtruri"] = new("3.1.2.7", Outcome.Error, 400),
        ["lwsruri"] = new("3.1.2.8", Outcome.Error, 400),
        ["lwsstart"] = new("3.1.2.9", Outcome.Message),                          // liberal: extra SP ignored
        ["trws"] = new("3.1.2.10", Outcome.Message),                             // liberal: trailing SP ignored
        ["escruri"] = new("3.1.2.11", Outcome.Error, 400),                       // headers in Request-URI rejected
        ["baddate"] = new("3.1.2.12", Outcome.Message),                          // Date is never interpreted
        ["regbadct"] = new("3.1.2.13", Outcome.Error, 400),
        ["badaspec"] = new("3.1.2.14", Outcome.Error, 400),
        ["baddn"] = new("3.1.2.15", Outcome.Error, 400),
        ["badvers"] = new("3.1.2.16", Outcome.Error, 505),
        ["mismatch01"] = new("3.1.2.17", Outcome.Error, 400),
        ["mismatch02"] = new("3.1.2.18", Outcome.Error, 501),                    // RFC prefers 501 over 400
        ["bigcode"] = new("3.1.2.19", Outcome.Drop),

        // §3.2 transaction layer
        ["badbranch"] = new("3.2.1", Outcome.Error, 400),

        // §3.3 application layer
        ["insuf"] = new("3.3.1", Outcome.Error, 400),
        ["unkscm"] = new("3.3.2", Outcome.Error, 416),
        ["novelsc"] = new("3.3.3", Outcome.Error, 416),
        ["unksm2"] = new("3.3.4", Outcome.Message, ValidatorStatus: 405),
        ["bext01"] = new("3.3.5", Outcome.Message, ValidatorStatus: 420),
        ["invut"] = new("3.3.6", Outcome.Message, ValidatorStatus: 415),
        ["regaut01"] = new("3.3.7", Outcome.Message, ValidatorStatus: 405),
        ["multi01"] = new("3.3.8", Outcome.Error, 400),
        ["mcl01"] = new("3.3.9", Outcome.Error, 400),
        ["bcast"] = new("3.3.10", Outcome.Message),
        ["zeromf"] = new("3.3.11", Outcome.Message),
        ["cparam01"] = new("3.3.12", Outcome.Message, ValidatorStatus: 405),
        ["cparam02"] = new("3.3.13", Outcome.Message, ValidatorStatus: 405),
        ["regescrt"] = new("3.3.14", Outcome.Message, ValidatorStatus: 405),
        ["sdp01"] = new("3.3.15", Outcome.Message, ValidatorStatus: 406),

        // §3.4 backward compatibility
        ["inv2543"] = new("3.4.1", Outcome.Message),

        // Shipped with the package but not RFC 4475 messages.
        ["test"] = new("none", Outcome.Drop),                                    // no SIP-Version, no Via
        ["badcseq"] = new("none", Outcome.Error, 400),                           // non-numeric CSeq
        ["baddn_sep"] = new("none", Outcome.Drop),                               // a lone CRLF
    };

    public static TheoryData<string> AllFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in TortureCorpus.AllNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Corpus_holds_the_49_rfc_messages_and_every_file_has_an_expectation()
    {
        var names = TortureCorpus.AllNames().ToList();
        Assert.Equal(52, names.Count);
        Assert.Equal(49, Expected.Count(e => e.Value.Section != "none"));
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Message_yields_the_outcome_rfc4475_asks_for(string name)
    {
        var expected = Expected[name];
        var result = SipParser.Parse(TortureCorpus.Load(name));

        switch (expected.Outcome)
        {
            case Outcome.Message:
                Assert.True(result.Message is not null, name + ": " + result);
                Assert.Null(result.Error);
                Assert.False(result.Drop);
                if (result.Message is SipRequest request)
                {
                    var validation = SipRequestValidator.Validate(request);
                    Assert.Equal(expected.ValidatorStatus, validation?.StatusCode);
                }
                else
                {
                    Assert.Null(expected.ValidatorStatus);
                }

                break;

            case Outcome.Error:
                Assert.True(result.Error is not null, name + ": " + result);
                Assert.Equal(expected.Status, result.Error!.StatusCode);
                Assert.NotNull(result.Error.Request);
                Assert.False(result.Drop);
                Assert.NotNull(result.Error.Request!.TopVia);
                var response = result.Error.CreateResponse("srv1");
                Assert.NotNull(response);
                Assert.Equal(expected.Status, response!.StatusCode);
                Assert.NotEmpty(response.Vias);
                break;

            case Outcome.Drop:
                Assert.True(result.Drop, name + ": " + result);
                Assert.Null(result.Message);
                Assert.Null(result.Error);
                Assert.False(string.IsNullOrEmpty(result.DropReason));
                break;
        }
    }

    private static SipRequest Request(string name)
    {
        var result = SipParser.Parse(TortureCorpus.Load(name));
        return Assert.IsType<SipRequest>(result.Message);
    }

    private static SipResponse Response(string name)
    {
        var result = SipParser.Parse(TortureCorpus.Load(name));
        return Assert.IsType<SipResponse>(result.Message);
    }

    [Fact]
    public void Wsinv_short_tortuous_invite_keeps_its_values()
    {
        // RFC 4475 §3.1.1.1
        var r = Request("wsinv");
        Assert.Equal("INVITE", r.Method);
        Assert.Equal("vivekg", r.RequestUri.User);
        Assert.Equal("chair-dnrc.example.com", r.RequestUri.Host);
        Assert.True(r.RequestUri.Parameters.ContainsKey("unknownparam"));

        Assert.Equal("1918181833n", r.To!.Tag);
        Assert.Equal("vivekg", r.To.Uri.User);
        Assert.Null(r.To.DisplayName);

        Assert.Equal("J Rosenberg \\\"", r.From!.DisplayName);
        Assert.Equal("98asjd8", r.From.Tag);
        Assert.Equal("jdrosen", r.From.Uri.User);

        Assert.Equal(68, r.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", r.CallId);
        Assert.Equal(new CSeqHeader(9, "INVITE"), r.CSeq);
        Assert.Equal(string.Empty, r.Headers.Get("Subject"));
        Assert.Equal("newfangled value continued newfangled value", r.Headers.Get("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", r.Headers.Get("UnknownHeaderWithUnusualValue"));

        var vias = r.Vias;
        Assert.Equal(3, vias.Count);
        Assert.Equal(("UDP", "192.0.2.2", "390skdjuw"), (vias[0].Transport, vias[0].Host, vias[0].Branch));
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (vias[1].Transport, vias[1].Host, vias[1].Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (vias[2].Transport, vias[2].Host, vias[2].Branch));

        var route = Assert.Single(r.Routes);
        Assert.Equal("services.example.com", route.Uri.Host);
        Assert.True(route.Uri.IsLooseRouter);
        Assert.Equal("value", route.Uri.Parameters["unknownwith"]);
        Assert.True(route.Uri.Parameters.ContainsKey("unknown-no-value"));

        var contact = Assert.Single(r.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.True(contact.Parameters.ContainsKey("secondparam"));
        Assert.Null(contact.Parameters["secondparam"]);
        Assert.Equal("0.33", contact.Parameters["q"]);

        Assert.Equal("application/sdp", r.MediaType);
        Assert.Equal(150, r.Body.Length);
        Assert.StartsWith("v=0\r\n", Encoding.ASCII.GetString(r.Body), StringComparison.Ordinal);

        // 13 header fields on the wire, the "v:" line splits into two Via entries.
        Assert.Equal(15, r.Headers.Count);
    }

    [Fact]
    public void Intmeth_keeps_unusual_method_uri_and_utf8_values()
    {
        // RFC 4475 §3.1.1.2
        var r = Request("intmeth");
        const string method = "!interesting-Method0123456789_*+`.%indeed'~";
        Assert.Equal(method, r.Method);
        Assert.Equal(method, r.CSeq!.Method);
        Assert.Equal(139122385u, r.CSeq.Number);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", r.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", r.RequestUri.Password);
        Assert.Equal("example.com", r.RequestUri.Host);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", r.To!.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", r.To.Uri.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", r.From!.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", r.From.Tag);
        Assert.Equal("\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\"", r.From.Parameters["fromParam''~+*_!.-%"]);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", r.CallId);
        Assert.Equal("\ufeff\u5927\u505c\u96fb", r.Headers.Get("extensionHeader-!.%*+_`'~"));
        Assert.Equal(255, r.MaxForwards);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", r.TopVia!.Branch);
        Assert.Empty(r.Body);
    }

    [Fact]
    public void Esc01_unescapes_user_and_parameters()
    {
        // RFC 4475 §3.1.1.3
        var r = Request("esc01");
        Assert.Equal("sips:user@example.com", r.RequestUri.User);
        Assert.Equal("example.net", r.RequestUri.Host);
        Assert.Equal("user", r.To!.Uri.User);
        Assert.Equal("I have spaces", r.From!.Uri.User);
        var contact = Assert.Single(r.Contacts);
        Assert.Equal("caller", contact.Uri.User);
        Assert.True(contact.Uri.Parameters.ContainsKey("lr"));
        Assert.Equal("value%41", contact.Uri.Parameters["name"]);
        Assert.Equal("application/sdp", r.ContentType);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", r.CallId);
        Assert.Equal(150, r.Body.Length);

        // Equal per RFC 3261 §19.1.4: escaped and unescaped forms compare equal.
        Assert.Equal(SipUri.Parse("sip:user@example.com"), r.To.Uri);
    }

    [Fact]
    public void Escnull_keeps_escaped_nul_in_user_parts()
    {
        // RFC 4475 §3.1.1.4
        var r = Request("escnull");
        Assert.Equal("null-\0-null", r.To!.Uri.User);
        Assert.Equal("null-\0-null", r.From!.Uri.User);
        var contacts = r.Contacts;
        Assert.Equal(2, contacts.Count);
        Assert.Equal("\0", contacts[0].Uri.User);
        Assert.Equal("\0\0", contacts[1].Uri.User);
        Assert.Contains("sip:%00@host5.example.com", contacts[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Esc02_does_not_unescape_methods_or_header_names()
    {
        // RFC 4475 §3.1.1.5
        var r = Request("esc02");
        Assert.Equal("RE%47IST%45R", r.Method);
        Assert.NotEqual(SipMethods.Register, r.Method);
        Assert.Equal("RE%47IST%45R", r.CSeq!.Method);
        Assert.Equal("%Z%45", r.To!.DisplayName);
        Assert.Equal("%Z%45", r.From!.DisplayName);
        Assert.Equal("z9hG4bK209%fzsnel234", r.TopVia!.Branch);
        Assert.Equal(2, r.Contacts.Count);
        Assert.Equal("<sip:alias2@host2.example.com>", r.Headers.Get("C%6Fntact"));
    }

    [Fact]
    public void Lwsdisp_accepts_display_name_without_space_before_bracket()
    {
        // RFC 4475 §3.1.1.6
        var r = Request("lwsdisp");
        Assert.Equal("caller", r.From!.DisplayName);
        Assert.Equal("323", r.From.Tag);
        Assert.Equal("caller", r.From.Uri.User);
    }

    [Fact]
    public void Longreq_keeps_long_values_and_34_vias()
    {
        // RFC 4475 §3.1.1.7
        var r = Request("longreq");
        Assert.Equal(34, r.Vias.Count);
        Assert.Equal("sip33.example.com", r.Vias[0].Host);
        Assert.Equal("host.example.com", r.Vias[33].Host);
        Assert.Equal("192.0.2.5", r.Vias[33].Received);
        Assert.StartsWith("verylong", r.Vias[33].Branch, StringComparison.Ordinal);
        Assert.StartsWith("I have a user name of extremeextreme", r.To!.DisplayName, StringComparison.Ordinal);
        Assert.Equal(6000, r.To.Uri.Port);
        Assert.Equal("shortvalue", r.To.Uri.Parameters[
            "longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename"]);
        Assert.StartsWith("amazinglylongcallername", r.From!.Uri.User, StringComparison.Ordinal);
        Assert.StartsWith("1298298298", r.From.Tag, StringComparison.Ordinal);
        Assert.StartsWith("longreq.onereallyreally", r.CallId, StringComparison.Ordinal);
        Assert.Equal(150, r.Body.Length);
    }

    [Fact]
    public void Dblreq_parses_the_first_request_and_discards_the_rest_of_the_datagram()
    {
        // RFC 4475 §3.1.1.8, RFC 3261 §18.3
        var r = Request("dblreq");
        Assert.Equal(SipMethods.Register, r.Method);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", r.CallId);
        Assert.Empty(r.Body);
    }

    [Fact]
    public void Semiuri_keeps_semicolons_in_the_user_part()
    {
        // RFC 4475 §3.1.1.9
        var r = Request("semiuri");
        Assert.Equal("user;par=u@example.net", r.RequestUri.User);
        Assert.Equal("example.com", r.RequestUri.Host);
        Assert.Empty(r.RequestUri.Parameters);
        Assert.Equal(
            ["application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed", "message/sip", "message/sipfrag"],
            r.Headers.GetAll("Accept"));
    }

    [Fact]
    public void Transports_keeps_each_via_transport()
    {
        // RFC 4475 §3.1.1.10
        var r = Request("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], r.Vias.Select(v => v.Transport));
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", r.CallId);
    }

    [Fact]
    public void Mpart01_keeps_the_binary_multipart_body()
    {
        // RFC 4475 §3.1.1.11
        var r = Request("mpart01");
        Assert.Equal("MESSAGE", r.Method);
        Assert.Equal("multipart/mixed", r.MediaType);
        Assert.Equal(553, r.Body.Length);
        Assert.True(r.TopVia!.HasRport);
        Assert.Null(r.TopVia.Rport);
        Assert.Equal(5070, r.TopVia.Port);
        var body = TortureCorpus.Load("mpart01");
        Assert.Equal(body.AsSpan(body.Length - 553).ToArray(), r.Body);
    }

    [Fact]
    public void Unreason_keeps_the_utf8_reason_phrase()
    {
        // RFC 4475 §3.1.1.12
        var r = Response("unreason");
        Assert.Equal(200, r.StatusCode);
        Assert.Equal(
            "= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e \u0434\u0435\u0432\u044f\u0442\u044c - \u043f\u0440\u043e\u0441\u0442\u043e\u0435",
            r.ReasonPhrase);
        Assert.Equal(154, r.Body.Length);
    }

    [Fact]
    public void Noreason_has_an_empty_reason_phrase()
    {
        // RFC 4475 §3.1.1.13
        var r = Response("noreason");
        Assert.Equal(100, r.StatusCode);
        Assert.Equal(string.Empty, r.ReasonPhrase);
        Assert.Equal("902jndnke3", r.To!.Tag);
    }

    [Fact]
    public void Bcast_response_with_broadcast_via_parses()
    {
        // RFC 4475 §3.3.10
        var r = Response("bcast");
        Assert.Equal(2, r.Vias.Count);
        Assert.Equal("255.255.255.255", r.Vias[1].Host);
    }

    [Fact]
    public void Unksm2_accepts_unknown_schemes_in_to_from_and_contact()
    {
        // RFC 4475 §3.3.4
        var r = Request("unksm2");
        Assert.Equal("isbn", r.To!.Uri.Scheme);
        Assert.Equal("2983792873", r.To.Uri.Opaque);
        Assert.Equal("http", r.From!.Uri.Scheme);
        Assert.Equal("3234233", r.From.Tag);
        Assert.Equal("name", Assert.Single(r.Contacts).Uri.Scheme);
    }

    [Fact]
    public void Inv2543_rfc2543_request_without_branch_and_content_length_uses_the_rest_of_the_datagram()
    {
        // RFC 4475 §3.4.1, RFC 3261 §18.3 (UDP: no Content-Length means the rest of the datagram)
        var r = Request("inv2543");
        Assert.Null(r.TopVia!.Branch);
        Assert.False(r.TopVia.IsRfc3261Branch);
        Assert.Null(r.From!.Tag);
        Assert.Null(r.MaxForwards);
        // RFC 3261 §20.10: in addr-spec form the ";user=phone" is a header parameter, not a URI one.
        Assert.Equal("phone", r.To!.Parameters["user"]);
        Assert.Equal("phone", r.From.Uri.Parameters["user"]);
        Assert.EndsWith("m=audio 49217 RTP/AVP 0\r\n", Encoding.ASCII.GetString(r.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void Bext01_gets_420_listing_only_the_require_options()
    {
        // RFC 4475 §3.3.5, RFC 3261 §8.2.2.3
        var error = SipRequestValidator.Validate(Request("bext01"))!;
        Assert.Equal(420, error.StatusCode);
        var unsupported = Assert.Single(error.ExtraHeaders);
        Assert.Equal("Unsupported", unsupported.Name);
        Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", unsupported.Value);
        var response = error.CreateResponse("t1")!;
        Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", response.Headers.Get("Unsupported"));
        Assert.Equal("t1", response.To!.Tag);
    }

    [Fact]
    public void Invut_gets_415_with_accept()
    {
        // RFC 4475 §3.3.6, RFC 3261 §8.2.3
        var error = SipRequestValidator.Validate(Request("invut"))!;
        Assert.Equal(415, error.StatusCode);
        var accept = Assert.Single(error.ExtraHeaders);
        Assert.Equal("Accept", accept.Name);
        Assert.Contains("application/sdp", accept.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_requests_get_405_with_allow()
    {
        // RFC 4475 §3.3.7 / §3.3.12–§3.3.14 are registrar tests; this gateway is no registrar.
        var error = SipRequestValidator.Validate(Request("regaut01"))!;
        Assert.Equal(405, error.StatusCode);
        var allow = Assert.Single(error.ExtraHeaders);
        Assert.Equal("Allow", allow.Name);
        Assert.Equal("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REFER, NOTIFY", allow.Value);
    }

    [Fact]
    public void Regescrt_keeps_the_escaped_header_in_the_contact_uri()
    {
        // RFC 4475 §3.3.14
        var contact = Assert.Single(Request("regescrt").Contacts);
        Assert.Equal("<sip:sip.example.com>", contact.Uri.Headers["Route"]);
    }

    [Fact]
    public void Badvers_is_answered_with_505()
    {
        var result = SipParser.Parse(TortureCorpus.Load("badvers"));
        Assert.Equal(505, result.Error!.StatusCode);
        Assert.Equal("badvers.31417@c.example.com", result.Error.Request!.CallId);
        Assert.Equal("c.example.com", result.Error.Request.TopVia!.Host);
    }

    [Fact]
    public void Answerable_errors_keep_what_the_response_needs()
    {
        var error = SipParser.Parse(TortureCorpus.Load("multi01")).Error!;
        var response = error.CreateResponse()!;
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("192.0.2.25", response.TopVia!.Host);
        Assert.Equal("z9hG4bKkdjuw", response.TopVia.Branch);
        Assert.Equal("multi01.98asdh@192.0.2.1", response.CallId);
        Assert.Equal(new CSeqHeader(5, "INVITE"), response.CSeq);

        // badinv01's Via is malformed, yet its sent-by is usable for the answer.
        var bad = SipParser.Parse(TortureCorpus.Load("badinv01")).Error!;
        Assert.Equal("192.0.2.15", bad.Request!.TopVia!.Host);
    }
}
