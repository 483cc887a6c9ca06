using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.UnitTests.Speech;

public sealed class SpokenTextTests
{
    private static readonly SpokenText Spoken = new(
        "Press one for sales.",
        new short[8000],
        [new WordTiming("Press", 1600), new WordTiming("one", 3200), new WordTiming("for", 4000), new WordTiming("sales.", 7000)]);

    [Theory]
    [InlineData(0, "")]
    [InlineData(1599, "")]
    [InlineData(1600, "Press")]
    [InlineData(3999, "Press one")]
    [InlineData(4000, "Press one for")]
    [InlineData(7000, "Press one for sales.")]
    [InlineData(8000, "Press one for sales.")]
    public void Heard_words_are_those_whose_end_was_played(int samplesPlayed, string expected)
    {
        Assert.Equal(expected, Spoken.HeardUpTo(samplesPlayed));
    }

    [Fact]
    public void Duration_is_at_8_kHz()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Spoken.Duration);
    }
}
