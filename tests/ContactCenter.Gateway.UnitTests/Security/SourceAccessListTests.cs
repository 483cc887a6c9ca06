using System.Net;
using ContactCenter.Gateway.Security;
using Xunit;

namespace ContactCenter.Gateway.UnitTests.Security;

public sealed class SourceAccessListTests
{
    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("203.0.113.255", true)]
    [InlineData("203.0.114.1", false)]
    [InlineData("198.51.100.10", true)]
    [InlineData("198.51.100.11", false)]
    [InlineData("::ffff:203.0.113.9", true)]
    [InlineData("2001:db8::5", true)]
    [InlineData("2001:db9::5", false)]
    public void Allows_only_configured_addresses_and_networks(string source, bool allowed)
    {
        var list = new SourceAccessList(["203.0.113.0/24", "198.51.100.10", "2001:db8::/32"]);

        Assert.Equal(allowed, list.Allows(IPAddress.Parse(source)));
    }

    [Fact]
    public void A_bad_entry_stops_start_up_naming_the_entry()
    {
        var error = Assert.Throws<FormatException>(() => new SourceAccessList(["10.0.0.0/8", "trunk.example.com"]));

        Assert.Contains("trunk.example.com", error.Message, StringComparison.Ordinal);
    }
}
