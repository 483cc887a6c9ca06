using ContactCenter.Gateway.Options;
using ContactCenter.ModelRuntime.Protocol;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Gateway.Engine.Remote;

/// <summary>
/// The model runtime as the call engine: each call is one bidirectional Converse stream (call_audio.proto)
/// on one HTTP/2 channel that all calls share. The channel may open several connections, because a server
/// allows only so many concurrent streams per connection (Kestrel: 100; RFC 9113 §5.1.2), and pings an idle
/// connection so a vanished runtime fails its calls within seconds instead of leaving callers in silence.
/// </summary>
public sealed class GrpcCallAudioEngine : ICallAudioEngine, IDisposable
{
    private readonly ModelRuntimeClientOptions _options;
    private readonly GrpcChannel _channel;
    private readonly CallAudio.CallAudioClient _client;
    private readonly ILogger _logger;

    public GrpcCallAudioEngine(IOptions<ModelRuntimeClientOptions> options, ILoggerFactory loggers)
    {
        _options = options.Value;
        _logger = loggers.CreateLogger<GrpcCallAudioEngine>();
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = _options.KeepAlivePingDelay,
            KeepAlivePingTimeout = _options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests, // only while calls are up: some gRPC servers punish idle pings (GOAWAY too_many_pings)
            ConnectTimeout = _options.OpenTimeout,
            // Streams live as long as calls; a pooled connection must not be recycled under them.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _channel = GrpcChannel.ForAddress(_options.Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            LoggerFactory = loggers,
        });
        _client = new CallAudio.CallAudioClient(_channel);
    }

    /// <summary>
    /// Starts the call's stream and sends CallStart; returns once the runtime has answered with its response
    /// headers, which it sends after accepting the call. A runtime that is down or refuses the call throws
    /// here (the gateway then plays its fallback message).
    /// </summary>
    public async ValueTask<ICallAudioStream> OpenAsync(CallStartMetadata start, CancellationToken cancellationToken)
    {
        var stream = new GrpcCallAudioStream(_client, start.CallId, _options.SendQueueCapacity, _logger);
        try
        {
            await stream.OpenAsync(CallAudioMessages.Start(start), _options.OpenTimeout, cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        return stream;
    }

    public void Dispose() => _channel.Dispose();
}
