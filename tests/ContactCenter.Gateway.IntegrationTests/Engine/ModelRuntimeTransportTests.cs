using System.Net;
using System.Net.Sockets;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Gateway.IntegrationTests.Platform;
using ContactCenter.Media.Audio;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Engine;

/// <summary>
/// The gateway's gRPC transport to the model runtime with a real softphone on the line: audio both ways over
/// the Converse stream, marks and clears acknowledged, and the fallback (message, then the agent queue) when the
/// runtime fails mid-call or cannot be reached at all.
/// </summary>
[Collection(PeersCollection.Name)]
public sealed class ModelRuntimeTransportTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);
    private static readonly string AgentUri = PeerEndpoints.Uri(PeerRole.Agent, "agent");

    private static string FallbackWav => Path.Combine(AppContext.BaseDirectory, "assets", "fallback.wav");

    [Fact]
    public async Task Audio_flows_both_ways_over_grpc_and_the_runtime_hears_every_mark_and_the_clear()
    {
        const int burst = 150;
        await using var runtime = await ScriptedRuntime.StartAsync(new ScriptedRuntimeScript
        {
            BurstFrames = burst,
            ClearAfterPlayed = 25,
            Echo = true,
        });
        await using var platform = await GatewayHost.StartAsync(settings => UseRuntime(settings, runtime.Address));
        using var scratch = PeerScratch.Create();
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch));

        var started = await CallBotAsync(platform, caller);
        var call = await runtime.WaitForCallAsync(EventTimeout);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await caller.HangupAsync();
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        await caller.QuitAsync();

        Assert.Equal(started.CallId.ToString(), call.Start.CallId);
        Assert.Equal("bot", call.Start.CalledNumber);
        Assert.Equal(8000, call.Start.SampleRate);
        Assert.True(call.CallerFrames > 150, $"the runtime got {call.CallerFrames} caller frames in ~4 s");

        // Every burst frame was either played (and reported, in order, with its send time) or dropped by the clear.
        var cleared = Assert.Single(call.Cleared);
        var burstPlayed = call.Played.Where(p => p.Mark <= burst).ToList();
        Assert.Equal(Enumerable.Range(1, burstPlayed.Count).Select(i => (uint)i), burstPlayed.Select(p => p.Mark));
        Assert.True(burstPlayed.Count >= 25, $"{burstPlayed.Count} burst frames reported before the clear");
        Assert.Equal(burst, burstPlayed.Count + cleared.FramesDropped);
        Assert.True(cleared.FramesDropped > 50, $"the clear dropped {cleared.FramesDropped} frames");
        Assert.True(burstPlayed.Zip(burstPlayed.Skip(1)).All(pair => pair.First.UnixTimeUs < pair.Second.UnixTimeUs), "send times do not increase");
        Assert.True(cleared.UnixTimeUs >= burstPlayed[24].UnixTimeUs, "the clear was acted on before the 25th mark it answered");

        // After the clear the runtime echoed the caller; those frames' marks came back too, in order.
        var echoPlayed = call.Played.Where(p => p.Mark >= ScriptedRuntime.EchoMarkBase).Select(p => p.Mark).ToList();
        Assert.True(echoPlayed.Count > 50, $"{echoPlayed.Count} echoed frames reported played");
        Assert.Equal(echoPlayed.Order(), echoPlayed);
        Assert.Equal(16, call.HungUpCause);
        Assert.True(call.EndedCleanly, "the gateway cancelled the stream instead of ending it");

        // The caller heard the burst (1000 Hz) and then its own 440 Hz tone coming back through the runtime.
        var heard = WavFile.Read(caller.FindRecording("dec"));
        Assert.True(ToneAnalysis.HasTone(heard.Samples, heard.SampleRate, 1000), "the caller never heard the runtime's burst");
        var tail = heard.Samples.AsSpan(heard.Samples.Length - 8000, 8000);
        Assert.True(ToneAnalysis.HasTone(tail, heard.SampleRate, 440),
            $"no echoed 440 Hz in the caller's last second (dominant {ToneAnalysis.DominantFrequency(tail, heard.SampleRate):F0} Hz)");
        Assert.Equal(CallParty.Caller, ended.HungUpBy);
        Assert.Equal(0, platform.Gateway.ActiveCalls);
    }

    [Fact]
    public async Task When_the_runtime_dies_mid_call_the_caller_hears_the_fallback_and_is_transferred_to_an_agent()
    {
        await using var runtime = await ScriptedRuntime.StartAsync(new ScriptedRuntimeScript
        {
            BurstFrames = 1000, // 20 s queued: the fallback must replace it, not wait behind it
            AbortAfterCallerFrames = 50,
        });
        await using var platform = await GatewayHost.StartAsync(settings => UseRuntime(settings, runtime.Address));
        using var scratch = PeerScratch.Create();
        await using var agent = await BaresipPeer.StartAsync(scratch, PeerRole.Agent);
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch, seconds: 30));

        var started = await CallBotAsync(platform, caller);
        var transferred = await platform.WaitForAsync<CallTransferred>(t => t.CallId == started.CallId, TimeSpan.FromSeconds(30));
        Assert.True(transferred.Succeeded, $"transfer ended with {transferred.FinalStatus}\n{caller.DescribeLog()}");
        Assert.Equal(AgentUri, transferred.Target);
        Assert.Equal("runtime-failure", transferred.Context["Reason"]);
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        Assert.Equal(AgentUri, ended.TransferredTo);

        await agent.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        await caller.HangupAsync();
        await caller.QuitAsync();
        await agent.QuitAsync();

        var call = Assert.Single(runtime.Service.Calls);
        Assert.Equal(50, call.CallerFrames);
        AssertHeardFallback(caller);
    }

    [Fact]
    public async Task When_the_runtime_cannot_be_reached_the_caller_hears_the_fallback_and_without_an_agent_the_call_ends_with_cause_41()
    {
        await using var platform = await GatewayHost.StartAsync(settings =>
        {
            UseRuntime(settings, $"http://127.0.0.1:{UnusedTcpPort()}");
            settings["Gateway:TransferTimeout"] = "00:00:05";
        });
        using var scratch = PeerScratch.Create();
        await using var caller = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, CallerAudio.Tone(scratch, seconds: 30));

        var started = await CallBotAsync(platform, caller);
        var transferred = await platform.WaitForAsync<CallTransferred>(t => t.CallId == started.CallId, TimeSpan.FromSeconds(30));
        var ended = await platform.WaitForAsync<CallEnded>(e => e.CallId == started.CallId, EventTimeout);
        await caller.WaitForEventAsync("CALL_CLOSED", EventTimeout); // its recording of our call is complete
        await caller.DisposeAsync(); // not quit: baresip will not quit while it still tries the agent it was referred to

        Assert.False(transferred.Succeeded); // nobody answers at the agent queue
        Assert.Equal("runtime-failure", transferred.Context["Reason"]);
        Assert.Equal(CallParty.Gateway, ended.HungUpBy);
        Assert.Equal(41, ended.Q850Cause);
        Assert.Null(ended.TransferredTo);
        AssertHeardFallback(caller);
    }

    private static void UseRuntime(Dictionary<string, string?> settings, string address)
    {
        settings["Gateway:Engine"] = "ModelRuntime";
        settings["Gateway:ModelRuntime:Address"] = address;
        settings["Gateway:ModelRuntime:OpenTimeout"] = "00:00:02";
        settings["Gateway:AgentQueueUri"] = AgentUri;
    }

    /// <summary>The caller's first call (the one with the gateway) carried the fallback message, sample for sample (G.711 keeps the waveform).</summary>
    private static void AssertHeardFallback(BaresipPeer caller)
    {
        var recording = caller.Recordings("dec")[0];
        var heard = WavFile.Read(recording);
        var fallback = WavFile.Read(FallbackWav);
        var reference = fallback.Samples.AsSpan(8000, 16000); // 1–3 s into the message: speech, not lead-in
        var correlation = AudioSimilarity.BestCorrelation(heard.Samples, reference, maxLag: heard.Samples.Length - reference.Length);
        Assert.True(correlation > 0.9, $"fallback correlation {correlation:F3} in {recording}");
    }

    private static async Task<CallStarted> CallBotAsync(GatewayHost platform, BaresipPeer caller)
    {
        await caller.DialAsync(GatewayHost.Uri("bot"));
        await caller.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        return await platform.WaitForAsync<CallStarted>(_ => true, EventTimeout);
    }

    private static int UnusedTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
