using System.Globalization;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// The last row of a SIPp <c>-trace_stat</c> CSV (semicolon-separated, header row first).
/// Counters come in periodic <c>(P)</c> and cumulative <c>(C)</c> pairs; the properties read the cumulative ones.
/// </summary>
public sealed class SippStatistics
{
    private readonly Dictionary<string, string> _columns;

    private SippStatistics(Dictionary<string, string> columns) => _columns = columns;

    public IReadOnlyDictionary<string, string> Columns => _columns;

    public long SuccessfulCalls => Counter("SuccessfulCall(C)");

    public long FailedCalls => Counter("FailedCall(C)");

    public long TotalCallsCreated => Counter("TotalCallCreated");

    /// <summary>Calls that failed because an unexpected message (e.g. a 488 where a 100/180/200 was expected) arrived.</summary>
    public long FailedUnexpectedMessage => Counter("FailedUnexpectedMessage(C)");

    public long FailedMaxUdpRetransmissions => Counter("FailedMaxUDPRetrans(C)");

    /// <summary>Parses the CSV text; throws <see cref="FormatException"/> when it has no data row.</summary>
    public static SippStatistics Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            throw new FormatException("SIPp statistics CSV has no data row");
        }

        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length && i < last.Length; i++)
        {
            if (header[i].Length > 0)
            {
                columns[header[i]] = last[i];
            }
        }

        return new SippStatistics(columns);
    }

    /// <summary>A numeric column by its header name, e.g. <c>"FailedCallRejected(C)"</c>.</summary>
    public long Counter(string column)
    {
        if (!_columns.TryGetValue(column, out var text))
        {
            throw new KeyNotFoundException($"SIPp statistics have no column '{column}'");
        }

        return long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
