using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>Writes a report twice: JSON with every trial (for comparing runs) and markdown for docs/benchmarks.md.</summary>
internal static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,

        // Transcripts and prompt names stay readable ("greeting + intent:pay-bill", not "\u002B"); the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

        // A percentile of an empty sample is NaN; JSON has no NaN, so it is written as the string "NaN".
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static (string Json, string Markdown) Write<TReport>(string directory, string name, TReport report, string markdown)
    {
        Directory.CreateDirectory(directory);
        string json = Path.Combine(directory, name + ".json");
        string md = Path.Combine(directory, name + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json));
        File.WriteAllText(md, markdown);
        return (json, md);
    }
}
