using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.Media.Audio;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Peers.Tests;

/// <summary>Two real baresip peers call each other through the harness, no gateway in between.</summary>
[Collection(PeersCollection.Name)]
public class BaresipPeerTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Caller_and_callee_each_record_the_other_ones_tone()
    {
        using var scratch = PeerScratch.Create();
        await using var callee = await BaresipPeer.StartAsync(scratch, PeerRole.Callee);
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller);

        await caller.DialAsync(PeerEndpoints.Uri(PeerRole.Callee, "callee"));
        var established = await caller.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        await callee.WaitForEventAsync("CALL_RTPESTAB", EventTimeout);
        await caller.WaitForEventAsync("CALL_RTPESTAB", EventTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await caller.HangupAsync();
        var closed = await callee.WaitForEventAsync("CALL_CLOSED", EventTimeout);

        Assert.Equal("sip:callee@127.0.0.1:5062", established.PeerUri);
        Assert.Equal(established.CallId, closed.CallId);
        var heardByCallee = WavFile.Read(callee.FindRecording("dec"));
        var heardByCaller = WavFile.Read(caller.FindRecording("dec"));
        Assert.True(heardByCallee.Duration > TimeSpan.FromSeconds(1.5), $"callee recorded only {heardByCallee.Duration}\n{callee.DescribeLog()}");
        Assert.True(ToneAnalysis.HasTone(heardByCallee.Samples, heardByCallee.SampleRate, 440, minRms: 0.2), callee.DescribeLog());
        Assert.False(ToneAnalysis.HasTone(heardByCallee.Samples, heardByCallee.SampleRate, 1000, minRms: 0.02));
        Assert.InRange(ToneAnalysis.DominantFrequency(heardByCaller.Samples, heardByCaller.SampleRate), 990, 1010);
        Assert.True(ToneAnalysis.HasTone(heardByCaller.Samples, heardByCaller.SampleRate, 1000, minRms: 0.2), caller.DescribeLog());
    }

    [Fact]
    public async Task Dtmf_sent_over_ctrl_reaches_the_wire_as_rfc4733_events()
    {
        using var scratch = PeerScratch.Create();
        var (first, last) = PeerEndpoints.RtpPorts(PeerRole.Callee);
        await using var capture = await Tshark.StartCaptureAsync(
            scratch.UniquePath("dtmf", ".pcapng"), $"udp dst portrange {first}-{last}");
        await using var callee = await BaresipPeer.StartAsync(scratch, PeerRole.Callee);
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller);

        await caller.DialAsync(PeerEndpoints.Uri(PeerRole.Callee, "bot"));
        await caller.WaitForEventAsync("CALL_RTPESTAB", EventTimeout);
        await caller.SendDtmfAsync("123#");
        for (var i = 0; i < 4; i++)
        {
            await callee.WaitForEventAsync("CALL_DTMF_END", EventTimeout);
        }

        await caller.HangupAsync();
        await callee.WaitForEventAsync("CALL_CLOSED", EventTimeout);
        var packets = await capture.ReadRfc4733EventsAsync();

        Assert.Equal([1, 2, 3, 11], Rfc4733Event.Distinct(packets));
        Assert.All([1, 2, 3, 11], id => Assert.Contains(packets, p => p.EventId == id && p.EndOfEvent));
    }

    [Fact]
    public async Task Callee_holds_resumes_and_blind_transfers_the_caller_to_the_agent()
    {
        using var scratch = PeerScratch.Create();
        await using var agent = await BaresipPeer.StartAsync(scratch, PeerRole.Agent);
        await using var callee = await BaresipPeer.StartAsync(scratch, PeerRole.Callee);
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller);

        await caller.DialAsync(PeerEndpoints.Uri(PeerRole.Callee, "callee"));
        await caller.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        await callee.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        await callee.HoldAsync();
        await callee.ResumeAsync();
        var agentUri = PeerEndpoints.Uri(PeerRole.Agent, "agent");
        await callee.TransferAsync(agentUri);

        // RFC 3515: the caller receives REFER and calls the Refer-To target itself.
        var transfer = await caller.WaitForEventAsync("TRANSFER", EventTimeout);
        var atAgent = await agent.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        Assert.Contains(agentUri, transfer.Param, StringComparison.Ordinal);
        Assert.Equal("sip:caller@127.0.0.1:5064", atAgent.PeerUri);
        await caller.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout, e => e.PeerUri == agentUri);
    }
}
