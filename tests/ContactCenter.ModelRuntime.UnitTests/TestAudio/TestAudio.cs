using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ContactCenter.Media.Audio;
using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.UnitTests;

/// <summary>
/// Real audio for tests, all 8 kHz 16-bit mono: recorded human prompts (Debian asterisk-core-sounds-en-wav),
/// flite speech, sox noise, and the arithmetic to splice them (silence, concatenation, mixing at a level).
/// In the test project's root namespace so every test folder sees it without a using.
/// </summary>
public static class TestAudio
{
    public const int SampleRate = 8000;

    /// <summary>Samples per 20 ms frame.</summary>
    public const int FrameSamples = 160;

    public const string AsteriskSounds = "/usr/share/asterisk/sounds/en_US_f_Allison";

    private static readonly ConcurrentDictionary<(string Voice, string Text), Lazy<SpokenText>> Spoken = new();

    /// <summary>A recorded prompt, e.g. "auth-thankyou" or "digits/5" (".wav" optional).</summary>
    public static short[] AsteriskSound(string name)
    {
        string path = Path.Combine(AsteriskSounds, name.EndsWith(".wav", StringComparison.Ordinal) ? name : name + ".wav");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: apt-get install asterisk-core-sounds-en-wav", path);
        }

        WavFile wav = WavFile.Read(path);
        return wav.SampleRate == SampleRate
            ? wav.Samples
            : throw new InvalidDataException($"{path} is {wav.SampleRate} Hz, not {SampleRate}");
    }

    /// <summary>flite speaking <paramref name="text"/> at 8 kHz (rendered once per voice and text; a fresh copy each call).</summary>
    public static short[] Speak(string text, string voice = "rms") => SpeakWithTimings(text, voice).Samples.ToArray();

    /// <summary>The cached rendering with its word timings; do not modify its samples.</summary>
    public static SpokenText SpeakWithTimings(string text, string voice = "rms") =>
        Spoken.GetOrAdd((voice, text), key => new Lazy<SpokenText>(
            () => FliteSynthesizer.Create(key.Voice).Synthesize(key.Text))).Value;

    public static short[] Silence(int milliseconds) => new short[milliseconds * SampleRate / 1000];

    public static short[] Concat(params short[][] parts)
    {
        var result = new short[parts.Sum(p => p.Length)];
        int at = 0;
        foreach (short[] part in parts)
        {
            part.CopyTo(result, at);
            at += part.Length;
        }

        return result;
    }

    /// <summary>
    /// sox noise ("whitenoise", "pinknoise", "brownnoise") of <paramref name="milliseconds"/> at amplitude
    /// <paramref name="volume"/> (0..1 of full scale); sox -R makes it the same on every run.
    /// </summary>
    public static short[] Noise(int milliseconds, string kind = "whitenoise", double volume = 0.1)
    {
        string seconds = (milliseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        string vol = volume.ToString("0.####", CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("sox")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-R", "-n", "-r", "8000", "-b", "16", "-c", "1", "-e", "signed-integer",
            "-t", "raw", "-", "synth", seconds, kind, "vol", vol])
        {
            start.ArgumentList.Add(argument);
        }

        using Process sox = Process.Start(start) ?? throw new InvalidOperationException("sox did not start (apt-get install sox)");
        using var raw = new MemoryStream();
        sox.StandardOutput.BaseStream.CopyTo(raw);
        string error = sox.StandardError.ReadToEnd();
        sox.WaitForExit();
        if (sox.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox failed ({sox.ExitCode}): {error}");
        }

        byte[] bytes = raw.ToArray();
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>Gaussian white noise at <paramref name="rmsDbfs"/> dB below full scale from a seeded generator (no sox).</summary>
    public static short[] SeededNoise(int milliseconds, double rmsDbfs, int seed)
    {
        var random = new Random(seed);
        double rms = 32768 * Math.Pow(10, rmsDbfs / 20);
        var samples = new short[milliseconds * SampleRate / 1000];
        for (int i = 0; i < samples.Length; i++)
        {
            // Box-Muller.
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = Saturate(gaussian * rms);
        }

        return samples;
    }

    /// <summary>
    /// <paramref name="overlay"/> scaled by <paramref name="gainDb"/> and added to <paramref name="baseAudio"/> from sample
    /// <paramref name="offsetSamples"/> on; the result is as long as both need (saturating).
    /// </summary>
    public static short[] MixAt(short[] baseAudio, short[] overlay, int offsetSamples, double gainDb = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offsetSamples);
        double gain = Math.Pow(10, gainDb / 20);
        var result = new short[Math.Max(baseAudio.Length, offsetSamples + overlay.Length)];
        baseAudio.CopyTo(result, 0);
        for (int i = 0; i < overlay.Length; i++)
        {
            result[offsetSamples + i] = Saturate(result[offsetSamples + i] + (overlay[i] * gain));
        }

        return result;
    }

    /// <summary>The audio scaled by <paramref name="gainDb"/> (saturating).</summary>
    public static short[] Scale(short[] audio, double gainDb)
    {
        double gain = Math.Pow(10, gainDb / 20);
        return [.. audio.Select(s => Saturate(s * gain))];
    }

    /// <summary>20 ms frames of 160 samples; the last one padded with silence.</summary>
    public static IEnumerable<short[]> Frames(short[] audio)
    {
        for (int at = 0; at < audio.Length; at += FrameSamples)
        {
            var frame = new short[FrameSamples];
            audio.AsSpan(at, Math.Min(FrameSamples, audio.Length - at)).CopyTo(frame);
            yield return frame;
        }
    }

    /// <summary>RMS level in dB relative to full scale (-inf for silence).</summary>
    public static double RmsDbfs(ReadOnlySpan<short> audio)
    {
        double sum = 0;
        foreach (short s in audio)
        {
            sum += (double)s * s;
        }

        return 20 * Math.Log10(Math.Sqrt(sum / Math.Max(1, audio.Length)) / 32768);
    }

    private static short Saturate(double value) => (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
}
