using System.Numerics;

namespace ContactCenter.Gateway.IntegrationTests.Audio;

/// <summary>
/// Measurements for asserting on audio that went through a real call: levels are relative to full
/// scale (1.0 = a full-scale square wave; a full-scale sine has RMS 0.707). Spectra are Welch
/// averages of Hann-windowed FFT segments, so a tone is found even in a recording with gaps.
/// </summary>
public static class ToneAnalysis
{
    /// <summary>Lowest and highest frequency <see cref="DominantFrequency"/> considers (telephone band and a bit).</summary>
    public const double MinHz = 100;
    public const double MaxHz = 4000;

    private const int MaxSegment = 8192;
    private const int MinSegment = 256;

    /// <summary>Root mean square level, 0..1 of full scale.</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length) / 32768.0;
    }

    /// <summary>The strongest frequency between 100 and 4000 Hz (capped at Nyquist), in Hz; 0 for silence.</summary>
    public static double DominantFrequency(ReadOnlySpan<short> samples, int rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var (power, segment) = PowerSpectrum(samples);
        var binHz = (double)rate / segment;
        var first = Math.Max(1, (int)Math.Ceiling(MinHz / binHz));
        var last = Math.Min(power.Length - 2, (int)Math.Floor(Math.Min(MaxHz, rate / 2.0) / binHz));
        var best = -1;
        for (var k = first; k <= last; k++)
        {
            if (best < 0 || power[k] > power[best])
            {
                best = k;
            }
        }

        if (best < 0 || power[best] <= 0)
        {
            return 0;
        }

        // Parabolic interpolation on log power between the neighbouring bins refines the peak below one bin.
        var a = Math.Log(power[best - 1] + 1e-30);
        var b = Math.Log(power[best] + 1e-30);
        var c = Math.Log(power[best + 1] + 1e-30);
        var denominator = a - (2 * b) + c;
        var offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        return (best + offset) * binHz;
    }

    /// <summary>
    /// RMS (0..1 of full scale) of the part of the signal within ±max(15 Hz, 3 bins) of <paramref name="hz"/>:
    /// a tone of amplitude A scores A/√2 regardless of what else is in the signal.
    /// </summary>
    public static double ToneRms(ReadOnlySpan<short> samples, int rate, double hz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var (power, segment) = PowerSpectrum(samples);
        var binHz = (double)rate / segment;
        var halfWidth = Math.Max(15, 3 * binHz);
        var low = Math.Max(0, (int)Math.Floor((hz - halfWidth) / binHz));
        var high = Math.Min(power.Length - 1, (int)Math.Ceiling((hz + halfWidth) / binHz));
        double sum = 0;
        for (var k = low; k <= high; k++)
        {
            sum += power[k];
        }

        return Math.Sqrt(sum);
    }

    /// <summary>True when the signal carries <paramref name="hz"/> with at least <paramref name="minRms"/> (0..1 of full scale).</summary>
    public static bool HasTone(ReadOnlySpan<short> samples, int rate, double hz, double minRms = 0.01) =>
        ToneRms(samples, rate, hz) >= minRms;

    /// <summary>
    /// One-sided power per FFT bin, normalised so the bins sum to the signal's mean square
    /// (full scale = 1.0), averaged over 50 %-overlapping Hann-windowed segments.
    /// </summary>
    private static (double[] Power, int Segment) PowerSpectrum(ReadOnlySpan<short> samples)
    {
        var segment = MinSegment;
        while (segment * 2 <= Math.Min(samples.Length, MaxSegment))
        {
            segment *= 2;
        }

        var window = new double[segment];
        double windowPower = 0;
        for (var i = 0; i < segment; i++)
        {
            window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / segment));
            windowPower += window[i] * window[i];
        }

        var power = new double[(segment / 2) + 1];
        var buffer = new Complex[segment];
        var hop = segment / 2;
        var segments = 0;
        for (var start = 0; segments == 0 || start + segment <= samples.Length; start += hop)
        {
            for (var i = 0; i < segment; i++)
            {
                var index = start + i;
                var value = index < samples.Length ? samples[index] / 32768.0 : 0;
                buffer[i] = new Complex(value * window[i], 0);
            }

            Fft(buffer);
            for (var k = 0; k < power.Length; k++)
            {
                // Both halves of the spectrum except DC and Nyquist fold onto the one-sided bin.
                var fold = k == 0 || k == segment / 2 ? 1 : 2;
                power[k] += fold * (buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary) / (segment * windowPower);
            }

            segments++;
        }

        for (var k = 0; k < power.Length; k++)
        {
            power[k] /= segments;
        }

        return (power, segment);
    }

    // Iterative radix-2 Cooley-Tukey FFT, in place; length is a power of two.
    private static void Fft(Complex[] data)
    {
        var n = data.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }

        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = -2 * Math.PI / length;
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var i = 0; i < n; i += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var even = data[i + k];
                    var odd = data[i + k + (length / 2)] * w;
                    data[i + k] = even + odd;
                    data[i + k + (length / 2)] = even - odd;
                    w *= step;
                }
            }
        }
    }
}
