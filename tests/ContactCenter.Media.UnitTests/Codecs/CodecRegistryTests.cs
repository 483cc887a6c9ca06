using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.UnitTests.Codecs;

public class CodecRegistryTests
{
    [Theory]
    [InlineData("PCMU", 0)]
    [InlineData("pcma", 8)]
    public void Creates_g711_by_name_and_by_payload_type(string name, int pt)
    {
        Assert.Equal(pt, CodecRegistry.Create(name).PayloadType);
        Assert.Equal(pt, CodecRegistry.Create(pt).PayloadType);
        Assert.True(CodecRegistry.IsAvailable(pt));
    }

    [Fact]
    public void Unknown_codecs_are_refused_with_a_clear_error()
    {
        Assert.False(CodecRegistry.IsAvailable("GSM"));
        Assert.False(CodecRegistry.IsAvailable(3));
        NotSupportedException ex = Assert.Throws<NotSupportedException>(() => CodecRegistry.Create("GSM"));
        Assert.Contains("GSM", ex.Message);
        Assert.Throws<NotSupportedException>(() => CodecRegistry.Create(18));
    }

    [Fact]
    public void Audio_frame_holds_exactly_160_samples_and_silence_is_silent()
    {
        Assert.Throws<ArgumentException>(() => new AudioFrame(new short[159]));
        Assert.True(AudioFrame.Silence.IsSilent);
        Assert.Equal(0, AudioFrame.Silence.Rms());
        short[] samples = Signal.Tone(1000, 8000, 160, 1000);
        var frame = new AudioFrame(samples);
        samples[0] = 12345;
        Assert.NotEqual(12345, frame.Samples[0]); // copied: frames are immutable
        var bytes = new byte[320];
        frame.WriteLittleEndianBytes(bytes);
        Assert.Equal(frame.Samples.ToArray(), AudioFrame.FromLittleEndianBytes(bytes).Samples.ToArray());
    }
}
