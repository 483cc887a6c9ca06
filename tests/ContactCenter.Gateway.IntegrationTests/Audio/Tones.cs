namespace ContactCenter.Gateway.IntegrationTests.Audio;

/// <summary>Test signals as 16-bit samples.</summary>
public static class Tones
{
    /// <summary>A sine of <paramref name="hz"/> at <paramref name="amplitude"/> of full scale (0.5 ≈ -6 dBFS).</summary>
    public static short[] Generate(double hz, double seconds, int rate, double amplitude = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amplitude, 1.0);
        var count = (int)Math.Round(seconds * rate);
        var samples = new short[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = (short)Math.Round(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * hz * i / rate));
        }

        return samples;
    }

    public static short[] Silence(double seconds, int rate) => new short[(int)Math.Round(seconds * rate)];
}
