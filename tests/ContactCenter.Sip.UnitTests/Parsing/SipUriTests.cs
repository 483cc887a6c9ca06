using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

public class SipUriTests
{
    [Fact]
    public void Parses_all_parts_of_a_sip_uri()
    {
        var uri = SipUri.Parse("sips:alice:secret@Example.COM:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
        Assert.Equal("sips", uri.Scheme);
        Assert.True(uri.IsSecure);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Example.COM", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.Null(uri.Parameters["lr"]);
        Assert.Equal("239.255.255.1", uri.Parameters["MADDR"]);
        Assert.Equal("project x", uri.Headers["subject"]);
        Assert.Equal("urgent", uri.Headers["priority"]);
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]:5070;transport=udp", "[2001:db8::10]", 5070)]
    [InlineData("sip:192.0.2.4", "192.0.2.4", null)]
    [InlineData("SIP:host.example", "host.example", null)]
    public void Parses_hosts_and_ports(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal("sip", uri.Scheme);
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host:99999")]
    [InlineData("sip:user@host:50x")]
    [InlineData("sip:user@ho st")]
    [InlineData("sip:[::1")]
    [InlineData("nocolon")]
    [InlineData("1sip:a@b")]
    [InlineData("<sip:a@b>")]
    public void Rejects_malformed_uris(string text)
    {
        Assert.False(SipUri.TryParse(text, out var uri));
        Assert.Null(uri);
        Assert.Throws<FormatException>(() => SipUri.Parse(text));
    }

    [Fact]
    public void Keeps_unknown_schemes_opaque()
    {
        var uri = SipUri.Parse("urn:service:sos");
        Assert.Equal("urn", uri.Scheme);
        Assert.Equal("service:sos", uri.Opaque);
        Assert.False(uri.IsSip);
        Assert.Equal("urn:service:sos", uri.ToString());
    }

    [Fact]
    public void ToString_re_escapes_what_must_be_escaped()
    {
        var uri = SipUri.Parse("sip:I%20have%20spaces@example.net;n%61me=v%61lue%25");
        Assert.Equal("I have spaces", uri.User);
        Assert.Equal("value%", uri.Parameters["name"]);
        Assert.Equal("sip:I%20have%20spaces@example.net;name=value%25", uri.ToString());
        Assert.Equal(uri, SipUri.Parse(uri.ToString()));
    }

    [Theory]
    // RFC 3261 §19.1.4 examples of equivalent URIs.
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    public void Equivalent_uris_are_equal(string a, string b)
    {
        var x = SipUri.Parse(a);
        var y = SipUri.Parse(b);
        Assert.Equal(x, y);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    [Theory]
    // RFC 3261 §19.1.4 examples of URIs that are not equivalent.
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off")]
    [InlineData("sip:a@b.com", "sips:a@b.com")]
    public void Different_uris_are_not_equal(string a, string b)
    {
        Assert.NotEqual(SipUri.Parse(a), SipUri.Parse(b));
    }

    [Fact]
    public void With_helpers_return_modified_copies()
    {
        var uri = SipUri.Parse("sip:bob@biloxi.com;transport=udp");
        var changed = uri.WithParameter("lr", null).WithoutParameter("transport").WithHost("10.0.0.1", 5080).WithUser("robert");
        Assert.Equal("sip:robert@10.0.0.1:5080;lr", changed.ToString());
        Assert.Equal("sip:bob@biloxi.com;transport=udp", uri.ToString());
        Assert.Equal("sip:bob@biloxi.com:6000", (uri with { Port = 6000 }).WithoutParameter("transport").ToString());
        Assert.Equal("biloxi.com", uri.HostPort);
    }

    [Fact]
    public void Constructed_uri_serialises()
    {
        var uri = new SipUri("sip", "+15551234567", "gw.example.com", 5060,
            new Dictionary<string, string?> { ["user"] = "phone" });
        Assert.Equal("sip:+15551234567@gw.example.com:5060;user=phone", uri.ToString());
    }
}
