namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>sipsak, the SIP Swiss army knife: one OPTIONS request and its answer.</summary>
public static class Sipsak
{
    /// <summary>
    /// Sends one OPTIONS to <paramref name="target"/> (e.g. <c>sip:127.0.0.1:5060</c> or
    /// <c>sip:bot@127.0.0.1:5060</c>) with <c>sipsak -vv</c>, so the output holds the full response.
    /// Exit code 0 for a 2xx, 1 for another final response, 3 when nothing answered.
    /// </summary>
    public static async Task<ToolResult> OptionsAsync(string target, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        PeerTools.EnsureInstalled();

        // -H: the host written in Via/Contact; loopback, not whatever the machine's hostname resolves to.
        return await ProcessRunner.RunAsync(
            "sipsak",
            ["-vv", "-H", PeerEndpoints.Host, "-s", target],
            workingDirectory: null,
            timeout ?? TimeSpan.FromSeconds(20),
            cancellationToken);
    }
}
