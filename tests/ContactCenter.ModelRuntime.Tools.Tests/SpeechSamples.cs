using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;

namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>Audio inputs for Moonshine (16 kHz float in [-1, 1]): real recorded speech, and seeded noise.</summary>
internal static class SpeechSamples
{
    /// <summary>Debian asterisk-core-sounds-en-wav: 8 kHz 16-bit mono recordings of a human voice.</summary>
    public const string SoundsDirectory = "/usr/share/asterisk/sounds/en_US_f_Allison";

    public static float[] Recorded(string file)
    {
        WavFile wav = WavFile.Read(Path.Combine(SoundsDirectory, file));
        Assert.Equal(8000, wav.SampleRate);
        var upsampled = new short[wav.Samples.Length * 2];
        new Resampler().Upsample(wav.Samples, upsampled);
        return [.. upsampled.Select(sample => sample / 32768f)];
    }

    /// <summary>Uniform noise at -20 dBFS peak; the same for the same seed.</summary>
    public static float[] Noise(int samples, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, samples).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.1f)];
    }
}
