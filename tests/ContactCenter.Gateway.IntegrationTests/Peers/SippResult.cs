namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// A finished SIPp run. Exit codes (SIPp manual): 0 all calls succeeded, 1 at least one failed,
/// 97 stopped by an internal command, 99 no call processed, 255 fatal error.
/// </summary>
public sealed record SippResult(ToolResult Process, SippStatistics? Statistics, string StatisticsPath)
{
    public int ExitCode => Process.ExitCode;

    public long SuccessfulCalls => RequireStatistics().SuccessfulCalls;

    public long FailedCalls => RequireStatistics().FailedCalls;

    public override string ToString() => $"sipp {Process}\nstatistics: {StatisticsPath}";

    private SippStatistics RequireStatistics() =>
        Statistics ?? throw new InvalidOperationException($"SIPp wrote no statistics (it probably failed to start)\n{this}");
}
