using ContactCenter.Gateway.Signaling;
using Xunit;

namespace ContactCenter.Gateway.UnitTests.Signaling;

public sealed class Q850ReasonTests
{
    [Theory]
    [InlineData("Q.850;cause=16;text=\"Normal call clearing\"", 16)]
    [InlineData("Q.850 ; cause = 17", 17)]
    [InlineData("SIP;cause=200;text=\"Call completed elsewhere\"", null)]
    [InlineData("Q.850;text=\"no cause\"", null)]
    [InlineData(null, null)]
    public void Reads_the_q850_cause_of_a_reason_header(string? header, int? cause) =>
        Assert.Equal(cause, Q850Reason.Parse(header));

    [Fact]
    public void Formats_a_reason_header_that_reads_back() =>
        Assert.Equal(41, Q850Reason.Parse(Q850Reason.Format(41)));
}
