using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.LoadTest.Scenarios;

/// <summary>
/// The durations timelines are written in: "300ms", "1.5s", or a bare number of seconds ("2", "0.25").
/// Never negative; no other units, because a timeline of minutes is not a scenario but a soak test.
/// </summary>
public static partial class Durations
{
    /// <summary>Reads <paramref name="text"/>; false when it is not one of the accepted forms.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? Match.Empty : DurationText().Match(text);
        if (!match.Success
            || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var seconds = match.Groups["unit"].Value == "ms" ? number / 1000 : number;
        if (seconds > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Writes a duration the way a timeline does, for error messages and reports: "1.5s".</summary>
    public static string Format(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");

    [GeneratedRegex(@"^\s*(?<number>\d+(\.\d+)?|\.\d+)\s*(?<unit>ms|s)?\s*$")]
    private static partial Regex DurationText();
}
