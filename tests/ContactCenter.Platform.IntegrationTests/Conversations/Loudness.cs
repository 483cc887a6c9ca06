namespace ContactCenter.Platform.IntegrationTests.Conversations;

/// <summary>How much of a stretch of 8 kHz audio is speech, judged by 20 ms frame energy.</summary>
public static class Loudness
{
    private const int FrameSamples = 160;

    /// <summary>Frames louder than this count as sound (flite prompts sit around -20 dBFS; silence in G.711 far below -55).</summary>
    public const double SoundDbfs = -45;

    /// <summary>The share of 20 ms frames in [from, to) louder than <see cref="SoundDbfs"/>.</summary>
    public static double SoundFraction(short[] audio, TimeSpan from, TimeSpan to)
    {
        var first = Math.Max(0, (int)(from.TotalSeconds * 8000) / FrameSamples);
        var last = Math.Min(audio.Length / FrameSamples, (int)(to.TotalSeconds * 8000) / FrameSamples);
        if (last <= first)
        {
            throw new ArgumentException($"[{from}, {to}) is outside the {audio.Length / 8000.0:F1} s recording");
        }

        var loud = 0;
        for (var frame = first; frame < last; frame++)
        {
            if (Dbfs(audio.AsSpan(frame * FrameSamples, FrameSamples)) > SoundDbfs)
            {
                loud++;
            }
        }

        return (double)loud / (last - first);
    }

    private static double Dbfs(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (var sample in frame)
        {
            sum += (double)sample * sample;
        }

        var rms = Math.Sqrt(sum / frame.Length) / 32768.0;
        return rms > 0 ? 20 * Math.Log10(rms) : -120;
    }
}
