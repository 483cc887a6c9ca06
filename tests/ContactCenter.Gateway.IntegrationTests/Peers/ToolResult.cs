namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>What a finished command-line tool left behind.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>stdout then stderr, for assertions that do not care which stream a line went to.</summary>
    public string Output => StandardOutput + StandardError;

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
