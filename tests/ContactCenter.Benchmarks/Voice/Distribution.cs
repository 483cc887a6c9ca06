namespace ContactCenter.Benchmarks.Voice;

/// <summary>Count, median, tails and extremes of a sample of latencies (ms), as the reports print them.</summary>
internal sealed record Distribution(int Count, double P50, double P95, double P99, double Min, double Max)
{
    public static Distribution Of(IReadOnlyCollection<double> values) => new(
        values.Count,
        Percentiles.Of(values, 50),
        Percentiles.Of(values, 95),
        Percentiles.Of(values, 99),
        values.Count == 0 ? double.NaN : values.Min(),
        values.Count == 0 ? double.NaN : values.Max());
}
