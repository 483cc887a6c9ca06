using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

public class HeaderValueTests
{
    [Theory]
    [InlineData("\"Alice \\\"Al\\\" Smith\" <sip:alice@example.com>;tag=88", "Alice \"Al\" Smith", "88")]
    [InlineData("Bob <sip:bob@example.com>", "Bob", null)]
    [InlineData("Bob   Smith\t<sip:bob@example.com>", "Bob Smith", null)]
    [InlineData("<sip:carol@example.com>;tag=x;expires=60", null, "x")]
    [InlineData("sip:dave@example.com;tag=1", null, "1")]
    [InlineData("\"\" <sip:e@example.com>", "", null)]
    public void Name_address_parses_display_name_uri_and_tag(string text, string? display, string? tag)
    {
        var na = NameAddress.Parse(text);
        Assert.Equal(display, na.DisplayName);
        Assert.Equal(tag, na.Tag);
        Assert.Equal("sip", na.Uri.Scheme);
        var again = NameAddress.Parse(na.ToString());
        Assert.Equal(na.Uri, again.Uri);
        Assert.Equal(string.IsNullOrEmpty(display) ? null : display, string.IsNullOrEmpty(again.DisplayName) ? null : again.DisplayName);
        Assert.Equal(tag, again.Tag);
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b.com>")]
    [InlineData("Bell, Alexander <sip:a@b.com>")]
    [InlineData("< sip:a@b.com >")]
    [InlineData("<sip:a@b.com")]
    [InlineData("<sip:a@b.com>;;")]
    [InlineData("")]
    [InlineData("sip:a@b.com x")]
    public void Name_address_rejects_malformed_values(string text)
    {
        Assert.False(NameAddress.TryParse(text, out _));
    }

    [Fact]
    public void Name_address_always_serialises_in_angle_brackets_and_escapes_quotes()
    {
        var na = new NameAddress(SipUri.Parse("sip:a@b.com;transport=tcp"), "Q \"x\" \\") { Tag = "t1" };
        na.Parameters["expires"] = "60";
        Assert.Equal("\"Q \\\"x\\\" \\\\\" <sip:a@b.com;transport=tcp>;tag=t1;expires=60", na.ToString());
        na.Tag = null;
        Assert.DoesNotContain("tag", na.ToString(), StringComparison.Ordinal);
        var clone = na.Clone();
        clone.Parameters["expires"] = "0";
        Assert.Equal("60", na.Parameters["expires"]);
    }

    [Fact]
    public void Via_parses_lws_around_slashes_ipv6_and_rport()
    {
        var via = ViaHeader.Parse("SIP / 2.0 / tcp [2001:db8::9]:5062 ; branch=z9hG4bKx ; rport ; received=2001:db8::1");
        Assert.Equal("TCP", via.Transport);
        Assert.Equal("[2001:db8::9]", via.Host);
        Assert.Equal(5062, via.Port);
        Assert.Equal("z9hG4bKx", via.Branch);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
        Assert.Equal("2001:db8::1", via.Received);
        Assert.Equal("[2001:db8::9]:5062", via.SentBy);
        via.Rport = 6000;
        Assert.Equal("SIP/2.0/TCP [2001:db8::9]:5062;branch=z9hG4bKx;rport=6000;received=2001:db8::1", via.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP ho$t")]
    [InlineData("")]
    public void Via_rejects_malformed_values(string text)
    {
        Assert.False(ViaHeader.TryParse(text, out _));
    }

    [Fact]
    public void Via_built_in_code_serialises()
    {
        var via = new ViaHeader("udp", "10.0.0.1", 5060, "z9hG4bK123") { Received = "1.2.3.4" };
        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK123;received=1.2.3.4", via.ToString());
        Assert.True(via.IsRfc3261Branch);
        Assert.Equal(via.ToString(), via.Clone().ToString());
    }

    [Theory]
    [InlineData("1 INVITE", 1u, "INVITE")]
    [InlineData("  0009 \r\n  BYE ", 9u, "BYE")]
    [InlineData("4294967295 ACK", 4294967295u, "ACK")]
    public void CSeq_parses(string text, uint number, string method)
    {
        var cseq = CSeqHeader.Parse(text);
        Assert.Equal(new CSeqHeader(number, method), cseq);
        Assert.Equal(number + " " + method, cseq.ToString());
    }

    [Theory]
    [InlineData("INVITE")]
    [InlineData("4294967296 INVITE")]
    [InlineData("-1 INVITE")]
    [InlineData("1")]
    [InlineData("1INVITE")]
    [InlineData("1 IN VITE")]
    public void CSeq_rejects_malformed_values(string text)
    {
        Assert.False(CSeqHeader.TryParse(text, out _));
    }

    [Fact]
    public void Header_collection_keeps_order_and_matches_names_case_insensitively()
    {
        var h = new SipHeaderCollection();
        h.Add("v", "SIP/2.0/UDP a;branch=z9hG4bK1");
        h.Add("X-Custom", "1");
        h.Add("via", "SIP/2.0/UDP b;branch=z9hG4bK2");
        h.Insert(0, "Route", "<sip:r;lr>");
        Assert.Equal(["Route", "Via", "X-Custom", "Via"], h.Select(x => x.Name));
        Assert.Equal("SIP/2.0/UDP a;branch=z9hG4bK1", h.Get("VIA"));
        Assert.Equal(2, h.GetAll("v").Count());
        Assert.Equal("1", h.Get("x-custom"));
        h.Set("Via", "SIP/2.0/UDP c");
        Assert.Equal(["Route", "Via", "X-Custom"], h.Select(x => x.Name));
        h.Remove("X-CUSTOM");
        Assert.False(h.Contains("X-Custom"));
        Assert.Equal(2, h.Count);
        Assert.True(h.RemoveFirst("route"));
        Assert.Equal(0, h.IndexOf("Via"));
    }

    [Fact]
    public void Status_reasons_and_methods()
    {
        Assert.Equal("Unsupported URI Scheme", SipStatus.ReasonFor(416));
        Assert.Equal("Version Not Supported", SipStatus.ReasonFor(505));
        Assert.Equal("Client Error", SipStatus.ReasonFor(499));
        Assert.True(SipMethods.IsKnown("PRACK"));
        Assert.False(SipMethods.IsKnown("prack"));
        Assert.Equal("Session Progress", new SipResponse(183).ReasonPhrase);
    }

    [Fact]
    public void New_branches_carry_the_magic_cookie_and_differ()
    {
        var a = ViaHeader.NewBranch();
        var b = ViaHeader.NewBranch();

        Assert.StartsWith("z9hG4bK", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
    }
}
