using System.Net;
using System.Net.Sockets;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Engine.Remote;
using ContactCenter.Gateway.Options;
using ContactCenter.Media.Codecs;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Engine;

/// <summary>The gRPC call engine on its own against the scripted runtime: no SIP, just the stream's contract.</summary>
public sealed class GrpcCallAudioEngineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static GrpcCallAudioEngine Engine(string address) => new(
        Microsoft.Extensions.Options.Options.Create(new ModelRuntimeClientOptions { Address = address, OpenTimeout = TimeSpan.FromSeconds(2) }),
        NullLoggerFactory.Instance);

    private static CallStartMetadata Start() => new(Guid.NewGuid(), "sip:caller@127.0.0.1", "bot", "PCMU", 8000);

    [Fact]
    public async Task Open_fails_with_unavailable_when_no_runtime_listens()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var engine = Engine($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await engine.OpenAsync(Start(), CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Bot_frames_arrive_with_their_marks_and_the_played_report_reaches_the_runtime_with_its_time()
    {
        await using var runtime = await ScriptedRuntime.StartAsync(new ScriptedRuntimeScript { BurstFrames = 3 });
        using var engine = Engine(runtime.Address);
        var start = Start();

        var stream = await engine.OpenAsync(start, CancellationToken.None);
        var frames = new List<BotAudio>();
        while (frames.Count < 3)
        {
            frames.Add(Assert.IsType<BotAudio>(await stream.FromEngine.ReadAsync().AsTask().WaitAsync(Timeout)));
        }

        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(10);
        Assert.True(stream.ToEngine.TryWrite(new BotAudioPlayed(2, at)));
        Assert.True(stream.ToEngine.TryWrite(new CallerAudio(AudioFrame.Silence)));
        var call = await runtime.WaitForCallAsync(Timeout);
        await WaitUntilAsync(() => call.Played.Count == 1 && call.CallerFrames == 1);
        await stream.DisposeAsync();

        Assert.Equal(start.CallId.ToString(), call.Start.CallId);
        Assert.Equal([1u, 2u, 3u], frames.Select(f => f.Mark));
        Assert.True(frames[0].Frame.Rms() > 1000, "the burst's tone did not survive the trip");
        var played = Assert.Single(call.Played);
        Assert.Equal(2u, played.Mark);
        Assert.Equal(CallAudioMessages.ToUnixMicroseconds(at), played.UnixTimeUs);
    }

    [Fact]
    public async Task Disposing_the_stream_ends_it_cleanly_after_the_hang_up()
    {
        await using var runtime = await ScriptedRuntime.StartAsync(new ScriptedRuntimeScript());
        using var engine = Engine(runtime.Address);
        var stream = await engine.OpenAsync(Start(), CancellationToken.None);
        var call = await runtime.WaitForCallAsync(Timeout);

        stream.ToEngine.TryWrite(new Gateway.Engine.CallerHungUp(17));
        await stream.DisposeAsync();

        await WaitUntilAsync(() => call.EndedCleanly);
        Assert.Equal(17, call.HungUpCause);
    }

    [Fact]
    public async Task A_runtime_that_dies_mid_stream_completes_FromEngine_with_the_error()
    {
        await using var runtime = await ScriptedRuntime.StartAsync(new ScriptedRuntimeScript { AbortAfterCallerFrames = 3 });
        using var engine = Engine(runtime.Address);
        var stream = await engine.OpenAsync(Start(), CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            stream.ToEngine.TryWrite(new CallerAudio(AudioFrame.Silence));
        }

        var completion = stream.FromEngine.Completion.WaitAsync(Timeout);
        await Assert.ThrowsAsync<RpcException>(() => completion);
        await stream.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the runtime");
            await Task.Delay(10);
        }
    }
}
