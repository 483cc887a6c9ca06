using ContactCenter.ModelRuntime.Echo;

namespace ContactCenter.ModelRuntime.UnitTests.Echo;

/// <summary>
/// A simulated telephone line for echo tests, built from <see cref="TestAudio"/>: the bot's prompt comes back on the
/// caller's side delayed and attenuated (a hybrid's echo path) over low seeded noise, optionally with a caller
/// talking at the same time. The guard is fed tick by tick with the undelayed bot frame as the reference.
/// </summary>
internal static class EchoLine
{
    public const int Frame = TestAudio.FrameSamples;

    /// <summary>Line noise: 20 dB under the quietest echo the tests inject, as on a clean digital trunk.</summary>
    public const double NoiseDbfs = -65;

    /// <summary>The caller's side: the bot's echo after <paramref name="delayMs"/> ms, <paramref name="attenuationDb"/> dB down, plus noise.</summary>
    public static short[] Echo(short[] bot, int delayMs, double attenuationDb, int seed)
    {
        int delay = delayMs * TestAudio.SampleRate / 1000;
        short[] noise = TestAudio.SeededNoise((bot.Length + delay) * 1000 / TestAudio.SampleRate + 20, NoiseDbfs, seed);
        return TestAudio.MixAt(noise, TestAudio.Scale(bot, -attenuationDb), delay);
    }

    /// <summary>Runs the guard over the line, one 20 ms tick at a time, while the bot plays <paramref name="bot"/>.</summary>
    public static EchoVerdict[] Run(EchoGuard guard, short[] line, short[] bot, short[]? cleanedOut = null)
    {
        int frames = line.Length / Frame;
        var verdicts = new EchoVerdict[frames];
        var reference = new short[Frame];
        var cleaned = new short[Frame];
        for (int f = 0; f < frames; f++)
        {
            Array.Clear(reference);
            if (f * Frame < bot.Length)
            {
                bot.AsSpan(f * Frame, Math.Min(Frame, bot.Length - (f * Frame))).CopyTo(reference);
            }

            verdicts[f] = guard.Process(line.AsSpan(f * Frame, Frame), reference, cleaned);
            if (cleanedOut is not null)
            {
                cleaned.CopyTo(cleanedOut, f * Frame);
            }
        }

        return verdicts;
    }

    /// <summary>The level of frame <paramref name="frame"/> of <paramref name="audio"/> in dBFS (-inf past its end or in silence).</summary>
    public static double FrameDb(short[] audio, int frame) =>
        frame < 0 || frame * Frame >= audio.Length
            ? double.NegativeInfinity
            : TestAudio.RmsDbfs(audio.AsSpan(frame * Frame, Math.Min(Frame, audio.Length - (frame * Frame))));
}
