using System.Threading.Channels;
using ContactCenter.ModelRuntime.Protocol;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Engine.Remote;

/// <summary>
/// One call's Converse stream. Two pumps: <see cref="ToEngine"/> → request stream, response stream →
/// <see cref="FromEngine"/>. The gateway's playout thread only ever does a TryWrite into a bounded queue, so the
/// network never stalls it. When the RPC fails, <see cref="FromEngine"/> completes with the error, which is
/// how the call learns that the runtime is gone.
/// </summary>
internal sealed class GrpcCallAudioStream : ICallAudioStream
{
    // How long a clean end may take: sending what is queued, then the runtime closing its side.
    private static readonly TimeSpan SendDrainTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReceiveDrainTimeout = TimeSpan.FromMilliseconds(500);

    private readonly Channel<GatewayToEngine> _toEngine;
    private readonly Channel<EngineToGateway> _fromEngine = Channel.CreateUnbounded<EngineToGateway>(
        new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
    private readonly CancellationTokenSource _cancel = new();
    private readonly AsyncDuplexStreamingCall<GatewayMessage, EngineMessage> _call;
    private readonly Guid _callId;
    private readonly ILogger _logger;
    private Task _sending = Task.CompletedTask;
    private Task _receiving = Task.CompletedTask;
    private int _disposed;

    public GrpcCallAudioStream(CallAudio.CallAudioClient client, Guid callId, int sendQueueCapacity, ILogger logger)
    {
        _callId = callId;
        _logger = logger;
        _toEngine = Channel.CreateBounded<GatewayToEngine>(new BoundedChannelOptions(sendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        _call = client.Converse(cancellationToken: _cancel.Token);
    }

    public ChannelWriter<GatewayToEngine> ToEngine => _toEngine.Writer;

    public ChannelReader<EngineToGateway> FromEngine => _fromEngine.Reader;

    /// <summary>Sends CallStart and waits for the runtime's response headers (its acceptance), then starts the pumps.</summary>
    public async Task OpenAsync(GatewayMessage start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _call.RequestStream.WriteAsync(start, cancellationToken).WaitAsync(timeout, cancellationToken);
            await _call.ResponseHeadersAsync.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"the model runtime did not accept the call within {timeout}"));
        }

        _sending = SendAsync();
        _receiving = ReceiveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A clean end: what the call wrote last (CallerHungUp), the end of our stream, then the runtime ends its
        // own once its engine let the call go. Cancelling at once would reset the stream (RST_STREAM) and could
        // discard the hang-up still on its way. Each wait is bounded: a stuck runtime must not hold calls up.
        _toEngine.Writer.TryComplete();
        if (!await EndsWithinAsync(_sending, SendDrainTimeout) || !await EndsWithinAsync(_receiving, ReceiveDrainTimeout))
        {
            _logger.LogDebug("Call {CallId}: the model runtime did not end the stream in time; cancelling it", _callId);
        }

        await _cancel.CancelAsync();
        _call.Dispose();
        await Task.WhenAll(_sending, _receiving); // neither throws: each pump ends on its own errors
        _fromEngine.Writer.TryComplete();
        _cancel.Dispose();
    }

    private static async Task<bool> EndsWithinAsync(Task pump, TimeSpan timeout)
    {
        try
        {
            await pump.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task SendAsync()
    {
        var audioMessage = new GatewayMessage();
        var pcm = new byte[CallAudioMessages.FrameBytes];
        try
        {
            await foreach (var message in _toEngine.Reader.ReadAllAsync(_cancel.Token))
            {
                await _call.RequestStream.WriteAsync(CallAudioMessages.ToWire(message, audioMessage, pcm), _cancel.Token);
            }

            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception error) when (!_cancel.IsCancellationRequested)
        {
            // The response side sees the same failure with the runtime's status; this is the fallback if it does not.
            _fromEngine.Writer.TryComplete(error);
        }
        catch (Exception)
        {
            // disposed: the call is over
        }
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_cancel.Token))
            {
                if (CallAudioMessages.FromWire(_call.ResponseStream.Current) is { } message)
                {
                    _fromEngine.Writer.TryWrite(message);
                }
            }

            _fromEngine.Writer.TryComplete(); // the runtime ended the stream with OK
        }
        catch (Exception error)
        {
            _fromEngine.Writer.TryComplete(error);
            if (!_cancel.IsCancellationRequested)
            {
                await _cancel.CancelAsync(); // a broken response side (bad audio, runtime error) ends the RPC both ways
            }
        }
        finally
        {
            _toEngine.Writer.TryComplete(); // nothing written from now on can reach the runtime
        }
    }
}
