using System.Net;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.ModelRuntime.Grpc;
using ContactCenter.ModelRuntime.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.ModelRuntime.UnitTests.Grpc;

/// <summary>
/// The call audio service behind a real in-process gRPC server (Kestrel, HTTP/2, loopback, a free port): what it
/// refuses before an engine call is ever opened. The mapping onto a live engine call is the engine's tests' business.
/// </summary>
public sealed class CallAudioServiceTests : IAsyncLifetime
{
    private readonly List<CallStartInfo> _opened = [];
    private WebApplication? _app;
    private GrpcChannel? _channel;

    private CallAudio.CallAudioClient Client => new(_channel!);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        // No engine: every stream these tests send must be refused before one would be opened.
        builder.Services.AddSingleton(new CallAudioService(start =>
        {
            lock (_opened)
            {
                _opened.Add(start);
            }

            throw new InvalidOperationException("no engine in this test");
        }, NullLogger.Instance));
        _app = builder.Build();
        _app.MapCallAudioService();
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_stream_that_starts_with_audio_instead_of_CallStart_is_refused_with_InvalidArgument()
    {
        using var call = Client.Converse();
        await call.RequestStream.WriteAsync(new GatewayMessage { CallerAudio = ByteString.CopyFrom(new byte[320]) });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("CallStart", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_opened);
    }

    [Fact]
    public async Task A_stream_that_ends_before_any_message_is_refused_with_InvalidArgument()
    {
        using var call = Client.Converse();
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(_opened);
    }

    [Theory]
    [InlineData("not-a-guid", 8000)]
    [InlineData("6f1c2b0e-4a7d-4d3e-9a51-0d6f3f0b9e21", 16000)]
    public async Task A_CallStart_the_runtime_cannot_serve_is_refused_with_InvalidArgument(string callId, int sampleRate)
    {
        using var call = Client.Converse();
        await call.RequestStream.WriteAsync(new GatewayMessage { Start = new CallStart { CallId = callId, SampleRate = sampleRate } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(_opened);
    }
}
