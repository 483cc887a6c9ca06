using System.Collections.Concurrent;
using System.Threading.Channels;
using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.ModelRuntime.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace ContactCenter.Gateway.IntegrationTests.Engine;

/// <summary>
/// A stand-in for the model runtime's CallAudio service that follows a <see cref="ScriptedRuntimeScript"/>
/// instead of listening: the thing under test is the gateway's transport, so the far end must be predictable.
/// </summary>
public sealed class ScriptedCallAudioService(ScriptedRuntimeScript script) : CallAudio.CallAudioBase
{
    private readonly ConcurrentQueue<ScriptedCall> _calls = new();

    public IReadOnlyList<ScriptedCall> Calls => [.. _calls];

    public override async Task Converse(IAsyncStreamReader<GatewayMessage> requestStream, IServerStreamWriter<EngineMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.KindCase != GatewayMessage.KindOneofCase.Start)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "first message must be CallStart"));
        }

        var call = new ScriptedCall(requestStream.Current.Start);
        _calls.Enqueue(call);
        await context.WriteResponseHeadersAsync([]);

        // One writer task owns the response stream (gRPC allows one write at a time); the reader feeds it.
        var outgoing = Channel.CreateUnbounded<EngineMessage>(new UnboundedChannelOptions { SingleReader = true });
        var writing = WriteAllAsync(outgoing.Reader, responseStream, context.CancellationToken);
        var tone = Tones.Generate(1000, script.BurstFrames * 0.02, 8000, amplitude: 0.4);
        for (var i = 0; i < script.BurstFrames; i++)
        {
            outgoing.Writer.TryWrite(Audio(tone.AsSpan(i * 160, 160), (uint)(i + 1)));
        }

        var echoing = script.Echo && script.ClearAfterPlayed is null;
        uint echoMark = ScriptedRuntime.EchoMarkBase;
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                var message = requestStream.Current;
                switch (message.KindCase)
                {
                    case GatewayMessage.KindOneofCase.CallerAudio:
                        if (call.AddCallerFrame() == script.AbortAfterCallerFrames)
                        {
                            context.GetHttpContext().Abort(); // RST_STREAM, as when the runtime's process dies
                            return;
                        }

                        if (echoing)
                        {
                            outgoing.Writer.TryWrite(Audio(ToSamples(message.CallerAudio), echoMark++));
                        }

                        break;
                    case GatewayMessage.KindOneofCase.Played:
                        if (call.AddPlayed(message.Played) == script.ClearAfterPlayed)
                        {
                            outgoing.Writer.TryWrite(new EngineMessage { Clear = new Clear() });
                        }

                        break;
                    case GatewayMessage.KindOneofCase.Cleared:
                        call.AddCleared(message.Cleared);
                        echoing = script.Echo;
                        break;
                    case GatewayMessage.KindOneofCase.HungUp:
                        call.HungUp(message.HungUp.Q850Cause);
                        break;
                }
            }

            call.EndCleanly();
        }
        finally
        {
            outgoing.Writer.TryComplete();
            await writing;
        }
    }

    private static async Task WriteAllAsync(ChannelReader<EngineMessage> outgoing, IServerStreamWriter<EngineMessage> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in outgoing.ReadAllAsync(cancellationToken))
            {
                await responseStream.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // the gateway left
        }
    }

    private static EngineMessage Audio(ReadOnlySpan<short> samples, uint mark)
    {
        var pcm = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), samples[i]);
        }

        return new EngineMessage { Audio = new BotAudio { Pcm = ByteString.CopyFrom(pcm), Mark = mark } };
    }

    private static short[] ToSamples(ByteString pcm)
    {
        var samples = new short[pcm.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(pcm.Span[(i * 2)..]);
        }

        return samples;
    }
}
