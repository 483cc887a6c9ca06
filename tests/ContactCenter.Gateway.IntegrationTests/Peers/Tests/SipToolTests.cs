using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Peers.Tests;

/// <summary>SIPp and sipsak against a real baresip, with the answers the recipes document.</summary>
[Collection(PeersCollection.Name)]
public class SipToolTests
{
    [Fact]
    public async Task Sipp_uac_pcap_is_refused_with_488_by_the_pcmu_only_agent()
    {
        // uac_pcap offers PCMA + telephone-event only; the agent's user "agent" is PCMU-only
        // (the callee's users accept PCMA too, so they would answer 200).
        using var scratch = PeerScratch.Create();
        await using var agent = await BaresipPeer.StartAsync(scratch, PeerRole.Agent);

        var result = await new Sipp(scratch).RunAsync(
            "-sn uac_pcap -i 127.0.0.1 -mi 127.0.0.1 -p 5071 -s agent -m 1 -timeout 30 -timeout_error 127.0.0.1:5066",
            TimeSpan.FromSeconds(40));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(0, result.SuccessfulCalls);
        Assert.Equal(1, result.FailedCalls);
        Assert.Contains("488 Not Acceptable Here", result.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sipsak_options_without_a_user_gets_404_from_baresip()
    {
        using var scratch = PeerScratch.Create();
        await using var callee = await BaresipPeer.StartAsync(scratch, PeerRole.Callee);

        var result = await Sipsak.OptionsAsync($"sip:127.0.0.1:{PeerEndpoints.SipPort(PeerRole.Callee)}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SIP/2.0 404 Not Found", result.Output, StringComparison.Ordinal);
        Assert.Contains("Server: baresip", result.Output, StringComparison.Ordinal);
    }
}
