using ContactCenter.Media.Codecs;
using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// Makes a rendered prompt ready to play, once per text:
/// <list type="bullet">
/// <item>Trims the silence flite puts around speech (about 200 ms each side) to <see cref="LeadingSilenceSamples"/> and
/// <see cref="TrailingSilenceSamples"/>: leading silence is pure response latency on the wire (DESIGN §2 budgets
/// 250 ms for all of it), and trailing silence keeps the floor in BotSpeaking after the question was asked, so a
/// prompt answer would count as a barge-in. Word timings move with the cut.</item>
/// <item>Sets the speech level. flite's voices come out at different levels ("slt" about 6 dB hotter than "rms", and
/// hotter than recorded telephone prompts); a bot much louder than its callers makes caller speech over it hard to tell
/// from the bot's own echo, which can be as loud as the bot less the line's echo return loss. Prompts are therefore
/// played at one level, that of recorded IVR prompts.</item>
/// </list>
/// </summary>
internal static class PromptAudio
{
    /// <summary>Samples above this magnitude (about -45 dBFS) are sound; the rest of the edges is silence.</summary>
    private const int SoundThreshold = 184;

    /// <summary>Silence kept before the speech: 10 ms, so the first sound does not start on a click.</summary>
    private const int LeadingSilenceSamples = 80;

    /// <summary>Silence kept after the speech: 40 ms for the last sound to die away.</summary>
    private const int TrailingSilenceSamples = 320;

    /// <summary>The prompt trimmed and, when <paramref name="levelDbfs"/> is set, brought to that speech level.</summary>
    public static SpokenText Prepare(SpokenText speech, double? levelDbfs)
    {
        var trimmed = Trim(speech);
        return levelDbfs is { } level ? Normalise(trimmed, level) : trimmed;
    }

    /// <summary>The prompt without the silence around its speech, word ends moved with the cut.</summary>
    public static SpokenText Trim(SpokenText speech)
    {
        var samples = speech.Samples.AsSpan();
        int first = samples.IndexOfAnyExceptInRange((short)-SoundThreshold, (short)SoundThreshold);
        if (first < 0)
        {
            return speech;
        }

        int last = samples.LastIndexOfAnyExceptInRange((short)-SoundThreshold, (short)SoundThreshold);
        int start = Math.Max(0, first - LeadingSilenceSamples);
        int end = Math.Min(samples.Length, last + 1 + TrailingSilenceSamples);
        if (start == 0 && end == samples.Length)
        {
            return speech;
        }

        int length = end - start;
        var words = speech.Words.Select(w => w with { EndSample = Math.Clamp(w.EndSample - start, 0, length) }).ToArray();
        return speech with { Samples = samples[start..end].ToArray(), Words = words };
    }

    /// <summary>Frames quieter than this are pauses and do not count toward the speech level.</summary>
    private const double ActiveFloorDbfs = -50;

    /// <summary>Peaks are kept below this so the gain never clips.</summary>
    private const double PeakCeilingDbfs = -1;

    /// <summary>The speech level of <paramref name="samples"/>: RMS over its active 20 ms frames, in dBFS; null when silent.</summary>
    public static double? ActiveLevelDbfs(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        long count = 0;
        for (int at = 0; at < samples.Length; at += AudioFrame.SampleCount)
        {
            var frame = samples.Slice(at, Math.Min(AudioFrame.SampleCount, samples.Length - at));
            double frameSum = 0;
            foreach (short s in frame)
            {
                frameSum += (double)s * s;
            }

            if (ToDbfs(frameSum / frame.Length) > ActiveFloorDbfs)
            {
                sum += frameSum;
                count += frame.Length;
            }
        }

        return count == 0 ? null : ToDbfs(sum / count);
    }

    /// <summary>The prompt with its active speech level at <paramref name="targetDbfs"/> (or as close as the peak ceiling allows).</summary>
    public static SpokenText Normalise(SpokenText speech, double targetDbfs)
    {
        if (ActiveLevelDbfs(speech.Samples) is not { } level)
        {
            return speech;
        }

        int peak = 0;
        foreach (short s in speech.Samples)
        {
            peak = Math.Max(peak, Math.Abs((int)s));
        }

        double gainDb = Math.Min(targetDbfs - level, PeakCeilingDbfs - (20 * Math.Log10(peak / 32768.0)));
        if (Math.Abs(gainDb) < 0.1)
        {
            return speech;
        }

        double gain = Math.Pow(10, gainDb / 20);
        var scaled = new short[speech.Samples.Length];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = (short)Math.Clamp(Math.Round(speech.Samples[i] * gain), short.MinValue, short.MaxValue);
        }

        return speech with { Samples = scaled };
    }

    private static double ToDbfs(double meanSquare) => meanSquare <= 0 ? -100 : 10 * Math.Log10(meanSquare / (32768.0 * 32768.0));
}
