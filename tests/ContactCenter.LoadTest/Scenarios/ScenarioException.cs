namespace ContactCenter.LoadTest.Scenarios;

/// <summary>
/// A scenario that cannot be replayed. The message reads "file:line:column: reason" (the GNU error format editors and CI
/// annotate), pointing at the offending YAML node, as the orchestrator's dialplan errors do.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string file, long line, long column, string reason, Exception? innerException = null)
        : base($"{file}:{line}:{column}: {reason}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The timeline file, as given to the loader.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending node.</summary>
    public long Line { get; }

    /// <summary>1-based column of the offending node.</summary>
    public long Column { get; }

    /// <summary>The message without its location.</summary>
    public string Reason { get; }
}
