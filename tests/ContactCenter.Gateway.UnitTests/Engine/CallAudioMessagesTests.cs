using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Engine.Remote;
using ContactCenter.Media.Codecs;
using ContactCenter.ModelRuntime.Protocol;
using Google.Protobuf;
using Xunit;

namespace ContactCenter.Gateway.UnitTests.Engine;

public sealed class CallAudioMessagesTests
{
    private static AudioFrame Ramp(short first)
    {
        var samples = new short[AudioFrame.SampleCount];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(first + (i * 199));
        }

        return new AudioFrame(samples);
    }

    [Fact]
    public void Caller_audio_is_320_bytes_of_little_endian_pcm_in_a_reused_message()
    {
        var reused = new GatewayMessage();
        var pcm = new byte[CallAudioMessages.FrameBytes];

        var wire = CallAudioMessages.ToWire(new CallerAudio(Ramp(-300)), reused, pcm);

        Assert.Same(reused, wire);
        Assert.Equal(GatewayMessage.KindOneofCase.CallerAudio, wire.KindCase);
        Assert.Equal(320, wire.CallerAudio.Length);
        Assert.Equal(unchecked((byte)-300), wire.CallerAudio[0]); // low byte first
        Assert.Equal(unchecked((byte)(-300 >> 8)), wire.CallerAudio[1]);
        var parsed = GatewayMessage.Parser.ParseFrom(wire.ToByteArray());
        Assert.Equal(Ramp(-300).Samples.ToArray(), AudioFrame.FromLittleEndianBytes(parsed.CallerAudio.Span).Samples.ToArray());
    }

    [Fact]
    public void Marks_and_clears_carry_microseconds_since_the_unix_epoch()
    {
        var at = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000).AddTicks(12_345_670);
        var played = CallAudioMessages.ToWire(new BotAudioPlayed(42, at), new GatewayMessage(), new byte[320]);
        var cleared = CallAudioMessages.ToWire(new QueuedAudioCleared(at, 17), new GatewayMessage(), new byte[320]);

        Assert.Equal(42u, played.Played.Mark);
        Assert.Equal(1_700_000_000_000_000 + 1_234_567, played.Played.UnixTimeUs);
        Assert.Equal(17, cleared.Cleared.FramesDropped);
        Assert.Equal(played.Played.UnixTimeUs, cleared.Cleared.UnixTimeUs);
    }

    [Fact]
    public void Control_to_the_engine_maps_field_for_field()
    {
        var scratch = new GatewayMessage();
        var pcm = new byte[320];

        Assert.Equal("#", CallAudioMessages.ToWire(new CallerDtmf('#'), scratch, pcm).Dtmf);
        Assert.Equal(41, CallAudioMessages.ToWire(new Gateway.Engine.CallerHungUp(41), scratch, pcm).HungUp.Q850Cause);
        var failed = CallAudioMessages.ToWire(new Gateway.Engine.TransferFailed("sip:agent@pbx", 486), scratch, pcm).TransferFailed;
        Assert.Equal(("sip:agent@pbx", 486), (failed.Target, failed.SipStatus));
    }

    [Fact]
    public void Bot_audio_keeps_its_samples_and_mark()
    {
        var pcm = new byte[320];
        Ramp(1000).WriteLittleEndianBytes(pcm);
        var message = new EngineMessage { Audio = new ModelRuntime.Protocol.BotAudio { Pcm = ByteString.CopyFrom(pcm), Mark = 9 } };

        var audio = Assert.IsType<Gateway.Engine.BotAudio>(CallAudioMessages.FromWire(message));

        Assert.Equal(9u, audio.Mark);
        Assert.Equal(Ramp(1000).Samples.ToArray(), audio.Frame.Samples.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(318)]
    [InlineData(640)]
    public void Bot_audio_that_is_not_one_frame_breaks_the_protocol(int length)
    {
        var message = new EngineMessage { Audio = new ModelRuntime.Protocol.BotAudio { Pcm = ByteString.CopyFrom(new byte[length]) } };

        Assert.Throws<InvalidDataException>(() => CallAudioMessages.FromWire(message));
    }

    [Fact]
    public void Commands_from_the_engine_map_to_the_gateways_records()
    {
        var transfer = new EngineMessage { Transfer = new Transfer { Context = { ["Intent"] = "billing" } } };
        var named = new EngineMessage { Transfer = new Transfer { Target = "sip:billing@pbx" } };

        var toQueue = Assert.IsType<TransferToAgent>(CallAudioMessages.FromWire(transfer));
        Assert.Null(toQueue.Target); // empty on the wire: the gateway's agent queue
        Assert.Equal("billing", toQueue.Context["Intent"]);
        Assert.Equal("sip:billing@pbx", Assert.IsType<TransferToAgent>(CallAudioMessages.FromWire(named)).Target);
        Assert.IsType<ClearQueuedAudio>(CallAudioMessages.FromWire(new EngineMessage { Clear = new Clear() }));
        Assert.Equal(17, Assert.IsType<Gateway.Engine.HangUp>(CallAudioMessages.FromWire(new EngineMessage { HangUp = new ModelRuntime.Protocol.HangUp { Q850Cause = 17 } })).Q850Cause);
        Assert.Equal("12#", Assert.IsType<SendDigits>(CallAudioMessages.FromWire(new EngineMessage { SendDigits = "12#" })).Digits);
        Assert.Null(CallAudioMessages.FromWire(new EngineMessage())); // a kind this gateway does not know is skipped
    }
}
