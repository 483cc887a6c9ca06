using System.Text;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>A GitHub-flavoured markdown table: a header, an alignment row (numbers right-aligned), rows.</summary>
internal sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly bool[] _numeric;
    private readonly List<string[]> _rows = [];

    /// <param name="headers">Column titles; a title ending in '>' is a right-aligned (numeric) column, the '>' dropped.</param>
    public MarkdownTable(params string[] headers)
    {
        _numeric = [.. headers.Select(h => h.EndsWith('>'))];
        _headers = [.. headers.Select(h => h.TrimEnd('>'))];
    }

    public MarkdownTable Row(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"{cells.Length} cells for {_headers.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public void AppendTo(StringBuilder text)
    {
        text.Append("| ").AppendJoin(" | ", _headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', _numeric.Select(n => n ? "---:" : "---")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        text.AppendLine();
    }
}
