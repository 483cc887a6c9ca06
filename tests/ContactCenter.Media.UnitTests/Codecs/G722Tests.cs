using ContactCenter.Media.Codecs;
using ContactCenter.Media.Codecs.Interop;

namespace ContactCenter.Media.UnitTests.Codecs;

public class G722Tests
{
    [Fact]
    public void Libspandsp_is_installed_on_the_test_host()
    {
        // The build host installs libspandsp2 (DESIGN §5); without it the G.722 tests below
        // would not be testing anything.
        Assert.True(CodecRegistry.IsAvailable("G722"), $"{SpanDsp.LibraryName} is missing: apt-get install -y libspandsp2");
        Assert.Contains("G722", CodecRegistry.AvailableCodecs);
    }

    [Fact]
    public void A_1_kHz_tone_comes_back_as_1_kHz_at_the_same_level()
    {
        using var codec = (G722Codec)CodecRegistry.Create("G722");
        Assert.Equal((9, 8000), (codec.PayloadType, codec.ClockRate));

        const int frames = 50;
        short[] input = Signal.Tone(1000, 8000, 160 * frames, 8000);
        var output = new short[input.Length];
        var payload = new byte[160];
        for (int f = 0; f < frames; f++)
        {
            int written = codec.Encode(input.AsSpan(f * 160, 160), payload);
            Assert.Equal(160, written);
            Assert.Equal(160, codec.Decode(payload, output.AsSpan(f * 160, 160)));
        }

        // Skip the first 100 ms: ADPCM adaptation and the filters' start-up.
        ReadOnlySpan<short> settled = output.AsSpan(800);
        double at1k = Signal.GoertzelAmplitude(settled, 1000, 8000);
        double at500 = Signal.GoertzelAmplitude(settled, 500, 8000);
        double at2k = Signal.GoertzelAmplitude(settled, 2000, 8000);
        double at3k = Signal.GoertzelAmplitude(settled, 3000, 8000);

        Assert.InRange(at1k, 8000 * 0.84, 8000 * 1.19); // within ±1.5 dB
        Assert.True(at1k > 30 * Math.Max(at500, Math.Max(at2k, at3k)), $"1k {at1k:F0}, 500 {at500:F0}, 2k {at2k:F0}, 3k {at3k:F0}");
        double rms = Signal.Rms(settled);
        Assert.InRange(rms, 8000 / Math.Sqrt(2) * 0.84, 8000 / Math.Sqrt(2) * 1.19);
    }

    [Fact]
    public void Instances_are_independent_streams()
    {
        using var a = (G722Codec)CodecRegistry.Create(9);
        using var b = (G722Codec)CodecRegistry.Create("g722");
        Assert.NotSame(a, b);
        short[] tone = Signal.Tone(700, 8000, 160, 6000);
        var pa = new byte[160];
        var pb = new byte[160];
        a.Encode(tone, pa);
        b.Encode(tone, pb);
        // Same input into fresh states gives the same bits: no shared state between instances.
        Assert.Equal(pa, pb);
    }

    [Fact]
    public void A_missing_library_is_reported_unavailable_without_throwing()
    {
        Assert.False(SpanDsp.Probe("libspandsp-does-not-exist.so.9"));
        Assert.False(CodecRegistry.IsAvailable("G722", spanDspAvailable: false));
        Assert.False(CodecRegistry.TryCreate("G722", spanDspAvailable: false, out IAudioCodec? codec));
        Assert.Null(codec);
        Assert.True(CodecRegistry.TryCreate("PCMU", spanDspAvailable: false, out _));
    }
}
