namespace ContactCenter.LoadTest.Measurement;

/// <summary>The loudness of 16-bit PCM as RMS relative to full scale (dBFS): a full-scale square wave is 0 dBFS.</summary>
public static class SignalLevel
{
    /// <summary>
    /// What digital silence reads as. The quietest non-zero 20 ms of 16-bit audio is about -112 dBFS, so the floor
    /// stays below anything real while keeping the arithmetic finite.
    /// </summary>
    public const double SilenceDbfs = -120;

    public static double Dbfs(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return SilenceDbfs;
        }

        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        var rms = Math.Sqrt(sum / samples.Length) / 32768.0;
        return rms > 0 ? Math.Max(20 * Math.Log10(rms), SilenceDbfs) : SilenceDbfs;
    }
}
