namespace ContactCenter.LoadTest.Measurement;

/// <summary>
/// Summary statistics of measured durations. Percentiles are nearest-rank (the smallest value with at least p% of
/// the values at or below it), so every figure reported is a latency that was actually measured, never an
/// interpolation between two; the median of an even count is therefore the lower middle value.
/// </summary>
public sealed class Distribution
{
    private readonly TimeSpan[] _sorted;

    private Distribution(TimeSpan[] sorted) => _sorted = sorted;

    public static Distribution Of(IEnumerable<TimeSpan> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new Distribution(sorted);
    }

    public int Count => _sorted.Length;

    /// <summary>Null when there are no values, as for every statistic below.</summary>
    public TimeSpan? Min => Percentile(0);

    public TimeSpan? Max => Percentile(100);

    public TimeSpan? Median => Percentile(50);

    public TimeSpan? P95 => Percentile(95);

    public TimeSpan? P99 => Percentile(99);

    /// <summary>The nearest-rank <paramref name="percent"/>th percentile (0 gives the minimum, 100 the maximum).</summary>
    public TimeSpan? Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (_sorted.Length == 0)
        {
            return null;
        }

        // Multiplying first keeps whole ranks whole (7 / 100 * 100 is 7.000000000000001 in doubles, rank 8); the
        // tolerance does the same for fractional percents.
        var rank = (int)Math.Ceiling((percent * _sorted.Length / 100) - 1e-9);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }
}
