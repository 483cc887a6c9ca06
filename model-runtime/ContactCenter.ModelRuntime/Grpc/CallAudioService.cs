using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.ModelRuntime.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ContactCenter.ModelRuntime.Grpc;

/// <summary>
/// The gateway's end of a call (call_audio.proto): one Converse stream per call, bridged to the call's
/// <see cref="EngineCall"/> by two pumps. Request stream → <see cref="EngineCall.Input"/> (caller frames and
/// control, in order); <see cref="EngineCall.Output"/> → response stream (bot frames and commands). The
/// gateway leaving, cleanly or not, reaches the engine as <see cref="CallerLeft"/>; the engine failing the call
/// ends the RPC with an error status, so the gateway plays its fallback and transfers the caller.
/// </summary>
public sealed class CallAudioService : CallAudio.CallAudioBase
{
    private const int FrameSamples = 160;
    private const int FrameBytes = FrameSamples * 2;

    // After the gateway ends its side cleanly, how long the engine may take to end the session and flush.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Func<CallStartInfo, EngineCall> _open;
    private readonly ILogger _logger;

    public CallAudioService(DuplexEngine engine, ILogger<CallAudioService> logger)
        : this(engine.Open, logger)
    {
    }

    /// <summary>For tests: any way of opening an engine call.</summary>
    internal CallAudioService(Func<CallStartInfo, EngineCall> open, ILogger logger)
    {
        _open = open;
        _logger = logger;
    }

    public override async Task Converse(IAsyncStreamReader<GatewayMessage> requestStream, IServerStreamWriter<EngineMessage> responseStream, ServerCallContext context)
    {
        var aborted = context.CancellationToken;
        var start = await ReadStartAsync(requestStream, aborted);
        var call = _open(start);
        // The gateway's OpenAsync waits for these: they say the call was accepted before any audio flows.
        await context.WriteResponseHeadersAsync([]);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var inbound = ReceiveAsync(requestStream, call.Input, stop.Token);
        var outbound = SendAsync(call.Output, responseStream, stop.Token);
        if (await Task.WhenAny(inbound, outbound) == inbound && inbound.IsCompletedSuccessfully && !aborted.IsCancellationRequested)
        {
            // The gateway ended its side cleanly: let the engine end the session and send what it still has.
            await Task.WhenAny(outbound, Task.Delay(DrainTimeout, aborted));
        }

        await stop.CancelAsync();
        await Task.WhenAll(inbound, outbound).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        if (inbound.Exception?.InnerException is RpcException protocolError)
        {
            _logger.LogWarning("Call {CallId}: the gateway broke the protocol: {Detail}", start.CallId, protocolError.Status.Detail);
            throw protocolError;
        }

        if (outbound.Exception?.InnerException is RpcException engineError)
        {
            _logger.LogError(engineError.Status.DebugException, "Call {CallId}: the engine failed the call; ending its stream with {Status}", start.CallId, engineError.StatusCode);
            throw engineError;
        }
    }

    private static async Task<CallStartInfo> ReadStartAsync(IAsyncStreamReader<GatewayMessage> requestStream, CancellationToken cancellationToken)
    {
        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.KindCase != GatewayMessage.KindOneofCase.Start)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of a Converse stream must be CallStart."));
        }

        var start = requestStream.Current.Start;
        if (!Guid.TryParse(start.CallId, out var callId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"CallStart.call_id '{start.CallId}' is not a GUID."));
        }

        if (start.SampleRate is not (0 or 8000))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"CallStart.sample_rate {start.SampleRate}: the runtime takes 8000 Hz frames."));
        }

        return new CallStartInfo(callId, start.From, start.CalledNumber);
    }

    /// <summary>Request stream → engine input. Whatever ends it, the engine hears <see cref="CallerLeft"/> once and the input completes.</summary>
    private static async Task ReceiveAsync(IAsyncStreamReader<GatewayMessage> requestStream, ChannelWriter<CallInput> input, CancellationToken cancellationToken)
    {
        var left = false;
        var clean = false;
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                if (ToInput(requestStream.Current) is not { } item)
                {
                    continue;
                }

                await input.WriteAsync(item, cancellationToken);
                if (item is CallerLeft)
                {
                    left = true;
                    break; // nothing follows a hang-up
                }
            }

            clean = true;
        }
        catch (ChannelClosedException)
        {
            clean = true; // the engine already ended the call's session: nothing more to tell it
        }
        finally
        {
            if (!left)
            {
                // 16 normal clearing when the gateway closed the stream; 41 temporary failure when it vanished.
                input.TryWrite(new CallerLeft(clean ? 16 : 41));
            }

            input.TryComplete();
        }
    }

    /// <summary>Engine output → response stream. An output completed with an error becomes an Internal status.</summary>
    private static async Task SendAsync(ChannelReader<CallOutput> output, IServerStreamWriter<EngineMessage> responseStream, CancellationToken cancellationToken)
    {
        // Bot audio reuses one message and one buffer: WriteAsync has serialised the message when it completes.
        var audioMessage = new EngineMessage { Audio = new BotAudio() };
        var pcm = new byte[FrameBytes];
        while (true)
        {
            bool more;
            try
            {
                more = await output.WaitToReadAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                throw new RpcException(new Status(StatusCode.Internal, "The engine failed this call: " + error.Message, error));
            }

            if (!more)
            {
                return;
            }

            while (output.TryRead(out var item))
            {
                await responseStream.WriteAsync(ToWire(item, audioMessage, pcm), cancellationToken);
            }
        }
    }

    private static CallInput? ToInput(GatewayMessage message) => message.KindCase switch
    {
        GatewayMessage.KindOneofCase.CallerAudio => new CallerFrame(ToSamples(message.CallerAudio)),
        GatewayMessage.KindOneofCase.Dtmf when message.Dtmf.Length == 1 => new CallerDigit(message.Dtmf[0]),
        GatewayMessage.KindOneofCase.Dtmf => throw new RpcException(new Status(StatusCode.InvalidArgument, $"dtmf '{message.Dtmf}' is not one digit.")),
        GatewayMessage.KindOneofCase.HungUp => new CallerLeft(message.HungUp.Q850Cause),
        GatewayMessage.KindOneofCase.TransferFailed => new TransferFailedInput(message.TransferFailed.Target, message.TransferFailed.SipStatus),
        GatewayMessage.KindOneofCase.Played => new Engine.FramePlayed(message.Played.Mark, FromUnixMicroseconds(message.Played.UnixTimeUs)),
        GatewayMessage.KindOneofCase.Cleared => new Engine.QueueCleared(FromUnixMicroseconds(message.Cleared.UnixTimeUs), message.Cleared.FramesDropped),
        GatewayMessage.KindOneofCase.Start => throw new RpcException(new Status(StatusCode.InvalidArgument, "CallStart may only open the stream.")),
        _ => null, // a kind from a newer gateway: skipped
    };

    private static EngineMessage ToWire(CallOutput output, EngineMessage audioMessage, byte[] pcm)
    {
        switch (output)
        {
            case BotFrame frame:
                if (frame.Samples.Length != FrameSamples)
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"The engine produced a {frame.Samples.Length}-sample frame; frames are {FrameSamples}."));
                }

                WriteLittleEndian(frame.Samples, pcm);
                audioMessage.Audio.Pcm = UnsafeByteOperations.UnsafeWrap(pcm);
                audioMessage.Audio.Mark = frame.Mark;
                return audioMessage;
            case ClearBotAudio:
                return new EngineMessage { Clear = new Clear() };
            case TransferRequest transfer:
                var wire = new Transfer { Target = transfer.Target ?? string.Empty };
                foreach (var (key, value) in transfer.Context)
                {
                    wire.Context[key] = value;
                }

                return new EngineMessage { Transfer = wire };
            case HangUpRequest hangUp:
                return new EngineMessage { HangUp = new HangUp { Q850Cause = hangUp.Q850Cause } };
            case DigitsRequest digits:
                return new EngineMessage { SendDigits = digits.Digits };
            default:
                throw new RpcException(new Status(StatusCode.Internal, $"The engine produced {output.GetType().Name}, which has no wire form."));
        }
    }

    /// <summary>320 bytes of little-endian PCM → 160 samples; any other length breaks the protocol.</summary>
    private static short[] ToSamples(ByteString pcm)
    {
        if (pcm.Length != FrameBytes)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"caller_audio must be {FrameBytes} bytes (20 ms of 8 kHz 16-bit PCM), got {pcm.Length}."));
        }

        var samples = new short[FrameSamples];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, short>(pcm.Span).CopyTo(samples);
        }
        else
        {
            for (var i = 0; i < FrameSamples; i++)
            {
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm.Span[(i * 2)..]);
            }
        }

        return samples;
    }

    private static void WriteLittleEndian(short[] samples, byte[] pcm)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(samples.AsSpan()).CopyTo(pcm);
            return;
        }

        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), samples[i]);
        }
    }

    private static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
