using System.Globalization;
using ContactCenter.Media.Codecs;
using ContactCenter.ModelRuntime.Protocol;
using Google.Protobuf;

namespace ContactCenter.Gateway.Engine.Remote;

/// <summary>
/// Maps the gateway's stream records to the wire messages of call_audio.proto and back. Audio is 20 ms of
/// 8 kHz 16-bit little-endian PCM (320 bytes) both ways; times travel as microseconds since the Unix epoch.
/// </summary>
internal static class CallAudioMessages
{
    /// <summary>Bytes of one 20 ms frame on the wire.</summary>
    public const int FrameBytes = AudioFrame.SampleCount * 2;

    public static GatewayMessage Start(CallStartMetadata start) => new()
    {
        Start = new CallStart
        {
            CallId = start.CallId.ToString(),
            From = start.From,
            CalledNumber = start.CalledNumber,
            Codec = start.Codec,
            SampleRate = start.SampleRate,
        },
    };

    /// <summary>
    /// The wire form of <paramref name="message"/>. Caller audio reuses <paramref name="audioMessage"/> and
    /// <paramref name="pcm"/> (no allocation per frame): both must stay untouched until the message is written,
    /// which gRPC has done (serialised) once its WriteAsync completes.
    /// </summary>
    public static GatewayMessage ToWire(GatewayToEngine message, GatewayMessage audioMessage, byte[] pcm) => message switch
    {
        CallerAudio audio => WrapAudio(audio.Frame, audioMessage, pcm),
        CallerDtmf dtmf => new GatewayMessage { Dtmf = dtmf.Digit.ToString(CultureInfo.InvariantCulture) },
        CallerHungUp hungUp => new GatewayMessage { HungUp = new ModelRuntime.Protocol.CallerHungUp { Q850Cause = hungUp.Q850Cause } },
        TransferFailed failed => new GatewayMessage { TransferFailed = new ModelRuntime.Protocol.TransferFailed { Target = failed.Target, SipStatus = failed.SipStatus } },
        BotAudioPlayed played => new GatewayMessage { Played = new FramePlayed { Mark = played.Mark, UnixTimeUs = ToUnixMicroseconds(played.At) } },
        QueuedAudioCleared cleared => new GatewayMessage { Cleared = new QueueCleared { UnixTimeUs = ToUnixMicroseconds(cleared.At), FramesDropped = cleared.FramesDropped } },
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "no wire form"),
    };

    /// <summary>
    /// The gateway's form of a runtime message; null for a message kind this gateway does not know (a newer
    /// runtime), which is skipped. Audio that is not exactly one frame breaks the protocol and throws.
    /// </summary>
    public static EngineToGateway? FromWire(EngineMessage message) => message.KindCase switch
    {
        EngineMessage.KindOneofCase.Audio => new BotAudio(ToFrame(message.Audio.Pcm), message.Audio.Mark),
        EngineMessage.KindOneofCase.Clear => new ClearQueuedAudio(),
        EngineMessage.KindOneofCase.Transfer => new TransferToAgent(
            message.Transfer.Target.Length == 0 ? null : message.Transfer.Target,
            new Dictionary<string, string>(message.Transfer.Context)),
        EngineMessage.KindOneofCase.HangUp => new HangUp(message.HangUp.Q850Cause),
        EngineMessage.KindOneofCase.SendDigits => new SendDigits(message.SendDigits),
        _ => null,
    };

    public static long ToUnixMicroseconds(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    private static GatewayMessage WrapAudio(AudioFrame frame, GatewayMessage audioMessage, byte[] pcm)
    {
        frame.WriteLittleEndianBytes(pcm);
        audioMessage.CallerAudio = UnsafeByteOperations.UnsafeWrap(pcm);
        return audioMessage;
    }

    private static AudioFrame ToFrame(ByteString pcm)
    {
        if (pcm.Length != FrameBytes)
        {
            throw new InvalidDataException($"Bot audio must be {FrameBytes} bytes (20 ms of 8 kHz 16-bit PCM), got {pcm.Length}.");
        }

        return AudioFrame.FromLittleEndianBytes(pcm.Span);
    }
}
