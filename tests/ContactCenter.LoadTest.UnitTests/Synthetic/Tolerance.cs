namespace ContactCenter.LoadTest.UnitTests.Synthetic;

/// <summary>Timing assertions with the tolerance the issue sets for wire measurements: ±20 ms unless a test asks for less.</summary>
internal static class Tolerance
{
    public static void Near(double expectedSeconds, TimeSpan? actual, double milliseconds = 20)
    {
        Assert.NotNull(actual);
        var error = Math.Abs(actual.Value.TotalMilliseconds - (expectedSeconds * 1000));
        Assert.True(error <= milliseconds, $"expected {expectedSeconds * 1000:0.#} ms ± {milliseconds} ms, measured {actual.Value.TotalMilliseconds:0.#} ms");
    }
}
