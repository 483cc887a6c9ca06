using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.UnitTests.Codecs;

public class ResamplerTests
{
    [Fact]
    public void Upsampling_a_tone_keeps_its_level_and_puts_almost_nothing_at_the_image_frequency()
    {
        var resampler = new Resampler();
        short[] input = Signal.Tone(1000, 8000, 1600, 10000);
        var output = new short[3200];
        for (int f = 0; f < 10; f++)
        {
            resampler.Upsample(input.AsSpan(f * 160, 160), output.AsSpan(f * 320, 320));
        }

        ReadOnlySpan<short> settled = output.AsSpan(640);
        Assert.InRange(Signal.GoertzelAmplitude(settled, 1000, 16000), 9700, 10300);
        // Zero-stuffing mirrors 1 kHz to 7 kHz; the half-band filter must remove it.
        Assert.True(Signal.GoertzelAmplitude(settled, 7000, 16000) < 30);
    }

    [Fact]
    public void Downsampling_passes_the_telephone_band_and_rejects_what_would_alias()
    {
        var resampler = new Resampler();
        short[] speech = Signal.Tone(3000, 16000, 3200, 10000);
        var output = new short[1600];
        for (int f = 0; f < 10; f++)
        {
            resampler.Downsample(speech.AsSpan(f * 320, 320), output.AsSpan(f * 160, 160));
        }

        Assert.InRange(Signal.GoertzelAmplitude(output.AsSpan(320), 3000, 8000), 9500, 10500);

        var fresh = new Resampler();
        short[] high = Signal.Tone(6000, 16000, 3200, 10000);
        for (int f = 0; f < 10; f++)
        {
            fresh.Downsample(high.AsSpan(f * 320, 320), output.AsSpan(f * 160, 160));
        }

        // 6 kHz would fold to 2 kHz at 8 kHz sampling.
        Assert.True(Signal.Rms(output.AsSpan(320)) < 40, $"alias RMS {Signal.Rms(output.AsSpan(320)):F1}");
    }

    [Fact]
    public void Up_then_down_is_a_short_delay()
    {
        var resampler = new Resampler();
        short[] input = Signal.Tone(440, 8000, 1600, 12000);
        var wide = new short[320];
        var back = new short[1600];
        for (int f = 0; f < 10; f++)
        {
            resampler.Upsample(input.AsSpan(f * 160, 160), wide);
            resampler.Downsample(wide, back.AsSpan(f * 160, 160));
        }

        // Each direction delays 12 samples at 8 kHz.
        int delay = 24;
        double maxError = 0;
        for (int i = 400; i < 1600; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(back[i] - input[i - delay]));
        }

        Assert.True(maxError < 150, $"max error {maxError}");
    }
}
