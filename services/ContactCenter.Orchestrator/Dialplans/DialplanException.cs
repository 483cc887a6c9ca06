namespace ContactCenter.Orchestrator.Dialplans;

/// <summary>
/// A dialplan that cannot be used. The message reads "file:line:column: reason" (the GNU error format that
/// editors and CI annotate), pointing at the offending YAML node, so a bad dialplan is fixed from the log line.
/// </summary>
public sealed class DialplanException : Exception
{
    public DialplanException(string file, long line, long column, string reason, Exception? innerException = null)
        : base($"{file}:{line}:{column}: {reason}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The dialplan file, as given to the loader.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending node (0 when unknown).</summary>
    public long Line { get; }

    /// <summary>1-based column of the offending node (0 when unknown).</summary>
    public long Column { get; }

    /// <summary>The message without its location.</summary>
    public string Reason { get; }
}
