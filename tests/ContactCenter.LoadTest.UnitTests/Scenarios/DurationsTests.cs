using ContactCenter.LoadTest.Scenarios;

namespace ContactCenter.LoadTest.UnitTests.Scenarios;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("300ms", 300)]
    [InlineData("1.5s", 1500)]
    [InlineData("2", 2000)]
    [InlineData(" 0.25 ", 250)]
    [InlineData(".5s", 500)]
    [InlineData("0", 0)]
    public void Timeline_durations_read_as_milliseconds_seconds_or_bare_seconds(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("3 parsecs")]
    [InlineData("-1")]
    [InlineData("1.5min")]
    [InlineData("1,5s")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_duration(string? text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Fact]
    public void Durations_are_written_back_in_seconds()
    {
        Assert.Equal("1.5s", Durations.Format(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("0.3s", Durations.Format(TimeSpan.FromMilliseconds(300)));
    }
}
