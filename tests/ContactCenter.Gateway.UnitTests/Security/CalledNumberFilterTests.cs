using ContactCenter.Gateway.Security;
using Xunit;

namespace ContactCenter.Gateway.UnitTests.Security;

public sealed class CalledNumberFilterTests
{
    [Theory]
    [InlineData("+15551230000", true)]
    [InlineData("+1-555-123-0000", true)]
    [InlineData("+15551230001", false)]
    [InlineData("bot", true)]
    [InlineData(null, false)]
    public void Accepts_only_configured_numbers_ignoring_visual_separators(string? called, bool accepted)
    {
        var filter = new CalledNumberFilter(["+1 (555) 123-0000", "bot"]);

        Assert.Equal(accepted, filter.Accepts(called));
    }

    [Fact]
    public void A_star_accepts_every_number()
    {
        var filter = new CalledNumberFilter(["*"]);

        Assert.True(filter.Accepts("anything"));
        Assert.True(filter.Accepts(null));
    }
}
