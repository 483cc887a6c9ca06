using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Gateway.IntegrationTests.Platform;
using ContactCenter.Media.Audio;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Calls;

/// <summary>A real softphone (baresip) calls the gateway over loopback: audio both ways, DTMF, hold, transfer.</summary>
[Collection(PeersCollection.Name)]
public sealed class BaresipCallTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Caller_hears_the_greeting_and_the_gateway_records_the_callers_tone()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch));

        var started = await CallBotAsync(platform, caller);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await caller.HangupAsync();
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        await caller.QuitAsync();

        // What the caller heard is the greeting itself: G.711 keeps the waveform, so it correlates sample by sample.
        var heard = WavFile.Read(caller.FindRecording("dec"));
        var greeting = WavFile.Read(TestAssets.GreetingWav);
        var reference = greeting.Samples.AsSpan(4000, 8000); // 0.5–1.5 s into the prompt: speech, not lead-in silence
        var correlation = AudioSimilarity.BestCorrelation(heard.Samples, reference, maxLag: 16000);
        Assert.True(correlation > 0.9, $"greeting correlation {correlation:F3} in {caller.FindRecording("dec")}");

        // What the gateway recorded of the caller is baresip's 440 Hz tone.
        var recorded = WavFile.Read(platform.CallerRecording(started.CallId));
        Assert.True(recorded.Duration > TimeSpan.FromSeconds(3), $"recording is {recorded.Duration}");
        var middle = recorded.Samples.AsSpan(8000, 16000);
        Assert.InRange(ToneAnalysis.DominantFrequency(middle, 8000), 430, 450);

        Assert.Equal(CallParty.Caller, ended.HungUpBy);
        Assert.Equal(16, ended.Q850Cause);
        Assert.Equal("PCMU", ended.Codec);
        Assert.True(ended.Rtp.PacketsReceived > 150, $"received {ended.Rtp.PacketsReceived} RTP packets");
        Assert.True(ended.Rtp.PacketsSent > 150, $"sent {ended.Rtp.PacketsSent} RTP packets");
        Assert.Equal(0, platform.Gateway.ActiveCalls);
    }

    [Fact]
    public async Task Rfc4733_digits_arrive_in_order_once_each()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch));

        var started = await CallBotAsync(platform, caller);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await caller.SendDtmfAsync("123#");
        await platform.WaitForAsync<DtmfReceived>(d => d.CallId == started.CallId && d.Digit == '#', EventTimeout);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // any duplicate end packets would have arrived by now
        await caller.HangupAsync();
        await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);

        var digits = platform.Published<DtmfReceived>().Where(d => d.CallId == started.CallId)
            .OrderBy(d => d.OccurredAt).Select(d => d.Digit);
        Assert.Equal("123#", string.Concat(digits));
        Assert.All(platform.Published<DtmfReceived>(), d => Assert.Equal("rfc4733", d.Method));
    }

    [Fact]
    public async Task Hold_and_resume_keep_the_call_up_past_the_rtp_timeout()
    {
        await using var platform = await GatewayHost.StartAsync(settings => settings["Gateway:RtpTimeout"] = "00:00:02");
        using var scratch = PeerScratch.Create();
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch));

        var started = await CallBotAsync(platform, caller);
        await caller.HoldAsync();
        await platform.WaitForAsync<CallHoldChanged>(h => h.CallId == started.CallId && h.OnHold, EventTimeout);
        await Task.Delay(TimeSpan.FromSeconds(4)); // twice the RTP timeout
        await caller.ResumeAsync();
        await platform.WaitForAsync<CallHoldChanged>(h => h.CallId == started.CallId && !h.OnHold, EventTimeout);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Empty(platform.Published<CallEnded>());
        Assert.Equal(1, platform.Gateway.ActiveCalls);
        await caller.HangupAsync();
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        Assert.Equal(CallParty.Caller, ended.HungUpBy);
    }

    [Fact]
    public async Task Agent_key_transfers_the_caller_to_an_agent_who_then_hears_the_caller()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();
        await using var agent = await BaresipPeer.StartAsync(scratch, PeerRole.Agent);
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch));

        var started = await CallBotAsync(platform, caller);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await caller.SendDtmfAsync("0");

        var transferred = await platform.WaitForAsync<CallTransferred>(t => t.CallId == started.CallId, TimeSpan.FromSeconds(30));
        Assert.True(transferred.Succeeded, $"transfer ended with {transferred.FinalStatus}\n{caller.DescribeLog()}");
        Assert.Equal("caller pressed 0", transferred.Context["Reason"]);
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        Assert.Equal("sip:agent@127.0.0.1:5066", ended.TransferredTo);
        Assert.Equal(CallParty.Gateway, ended.HungUpBy);

        await agent.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangupAsync();
        await agent.WaitForEventAsync("CALL_CLOSED", EventTimeout);
        await caller.QuitAsync();
        await agent.QuitAsync();

        var agentHeard = WavFile.Read(agent.FindRecording("dec"));
        Assert.True(ToneAnalysis.HasTone(agentHeard.Samples, agentHeard.SampleRate, 440),
            $"agent's recording has no 440 Hz caller tone (dominant {ToneAnalysis.DominantFrequency(agentHeard.Samples, agentHeard.SampleRate):F0} Hz)");
    }

    [Fact]
    public async Task A_caller_that_refers_the_bot_elsewhere_hands_the_conversation_to_the_new_party()
    {
        await using var platform = await GatewayHost.StartAsync(settings => settings["Gateway:TransferTimeout"] = "00:00:05");
        using var scratch = PeerScratch.Create();
        await using var agent = await BaresipPeer.StartAsync(scratch, PeerRole.Agent);
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch));
        var started = await CallBotAsync(platform, caller);

        await caller.TransferAsync(PeerEndpoints.Uri(PeerRole.Agent, "agent"));

        var transferred = await platform.WaitForAsync<CallTransferred>(t => t.CallId == started.CallId, TimeSpan.FromSeconds(30));
        Assert.True(transferred.Succeeded, $"transfer ended with {transferred.FinalStatus}\n{caller.DescribeLog()}");
        await agent.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        await caller.WaitForEventAsync("CALL_CLOSED", EventTimeout); // the referrer's leg ends (its BYE, or ours after the timeout)
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, platform.Gateway.ActiveCalls); // the conversation goes on, now with the agent
        Assert.DoesNotContain(platform.Published<CallEnded>(), e => e.CallId == started.CallId);
        await agent.HangupAsync();
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        Assert.Equal(CallParty.Caller, ended.HungUpBy);

        // The bot's recording of "the caller" ends with the agent's 700 Hz tone: media followed the new dialog.
        var recorded = WavFile.Read(platform.CallerRecording(started.CallId));
        var tail = recorded.Samples.AsSpan(recorded.Samples.Length - 16000, 16000);
        Assert.True(ToneAnalysis.HasTone(tail, 8000, PeerEndpoints.ToneHz(PeerRole.Agent)),
            $"no {PeerEndpoints.ToneHz(PeerRole.Agent)} Hz in the last 2 s of the recording (dominant {ToneAnalysis.DominantFrequency(tail, 8000):F0} Hz)");
    }

    /// <summary>The caller dials the bot; returns once baresip says the call is up and the gateway published CallStarted.</summary>
    private static async Task<CallStarted> CallBotAsync(GatewayHost platform, BaresipPeer caller)
    {
        await caller.DialAsync(GatewayHost.Uri("bot"));
        await caller.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        return await platform.WaitForAsync<CallStarted>(_ => true, EventTimeout);
    }
}
