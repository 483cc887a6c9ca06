using System.Globalization;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>Order statistics of a sample, nearest-rank (a reported p95 is a value that was actually measured).</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>-th percentile (0–100) of <paramref name="values"/>; NaN when empty.</summary>
    public static double Of(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A number for a table: "–" when there is none.</summary>
    public static string Format(double value, string format = "0") =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Percentage with one decimal.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
