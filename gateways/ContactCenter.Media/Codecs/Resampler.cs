namespace ContactCenter.Media.Codecs;

/// <summary>
/// 2:1 sample-rate conversion between 8 kHz and 16 kHz with a Kaiser-windowed half-band FIR
/// (47 taps, about 60 dB stop-band from 4.6 kHz, pass-band flat to 3.4 kHz — the telephone band).
/// Half-band filters have every other coefficient zero and a centre tap of 1/2, so the polyphase
/// form below costs 12 multiply-adds per output sample in each direction. Each direction keeps
/// its own history, so one instance serves one stream's encoder (up) and decoder (down); the
/// group delay is 12 samples at 8 kHz (1.5 ms) each way. Not thread-safe.
/// </summary>
public sealed class Resampler
{
    // Number of non-zero taps on each side of the centre tap.
    private const int HalfTaps = 12;
    private const int UpHistory = (2 * HalfTaps) - 1;
    // One more than the filter span needs, so the centre tap lands on an even input sample and
    // the decimated output is delayed by a whole number of 8 kHz samples (12).
    private const int DownHistory = (4 * HalfTaps) - 1;

    private static readonly float[] Coefficients = DesignHalfBand(HalfTaps, beta: 6.0);

    private float[] _up = new float[UpHistory + 320];
    private float[] _down = new float[DownHistory + 640];

    /// <summary>Upsamples 8 kHz to 16 kHz: writes exactly twice as many samples as it reads.</summary>
    public void Upsample(ReadOnlySpan<short> input8k, Span<short> output16k)
    {
        if (output16k.Length < input8k.Length * 2)
        {
            throw new ArgumentException("The output must hold twice the input.", nameof(output16k));
        }

        EnsureCapacity(ref _up, UpHistory + input8k.Length);
        Span<float> work = _up.AsSpan(0, UpHistory + input8k.Length);
        for (int j = 0; j < input8k.Length; j++)
        {
            work[UpHistory + j] = input8k[j];
        }

        float[] c = Coefficients;
        for (int j = 0; j < input8k.Length; j++)
        {
            int n = UpHistory + j - HalfTaps;
            // Zero-stuffing puts the input on the even outputs, which only the centre tap (1/2,
            // doubled to restore the gain lost to the zeros) reaches: they pass unchanged.
            output16k[2 * j] = Saturate(work[n]);
            float acc = 0;
            for (int i = 0; i < HalfTaps; i++)
            {
                acc += c[i] * (work[n - i] + work[n + 1 + i]);
            }

            output16k[(2 * j) + 1] = Saturate(2 * acc);
        }

        work[input8k.Length..].CopyTo(work);
    }

    /// <summary>Downsamples 16 kHz to 8 kHz: reads an even number of samples and writes half as many.</summary>
    public void Downsample(ReadOnlySpan<short> input16k, Span<short> output8k)
    {
        if ((input16k.Length & 1) != 0)
        {
            throw new ArgumentException("Downsampling by two needs an even number of samples.", nameof(input16k));
        }

        int outputs = input16k.Length / 2;
        if (output8k.Length < outputs)
        {
            throw new ArgumentException("The output must hold half the input.", nameof(output8k));
        }

        EnsureCapacity(ref _down, DownHistory + input16k.Length);
        Span<float> work = _down.AsSpan(0, DownHistory + input16k.Length);
        for (int j = 0; j < input16k.Length; j++)
        {
            work[DownHistory + j] = input16k[j];
        }

        float[] c = Coefficients;
        for (int j = 0; j < outputs; j++)
        {
            int centre = (2 * j) + (2 * HalfTaps) - 1;
            float acc = 0.5f * work[centre];
            for (int i = 0; i < HalfTaps; i++)
            {
                acc += c[i] * (work[centre - (2 * i) - 1] + work[centre + (2 * i) + 1]);
            }

            output8k[j] = Saturate(acc);
        }

        work[input16k.Length..].CopyTo(work);
    }

    /// <summary>Forgets the history (a new talk spurt or a codec restart).</summary>
    public void Reset()
    {
        Array.Clear(_up);
        Array.Clear(_down);
    }

    private static void EnsureCapacity(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            var bigger = new float[length];
            buffer.AsSpan().CopyTo(bigger);
            buffer = bigger;
        }
    }

    private static short Saturate(float value)
    {
        float rounded = MathF.Round(value);
        return rounded >= short.MaxValue ? short.MaxValue : rounded <= short.MinValue ? short.MinValue : (short)rounded;
    }

    // Ideal half-band response h[k] = sin(pi k / 2) / (pi k) for odd k, Kaiser-windowed, then
    // scaled so the odd taps sum to 1/4: with the 1/2 centre tap the DC gain is exactly 1.
    private static float[] DesignHalfBand(int halfTaps, double beta)
    {
        var taps = new double[halfTaps];
        double span = 2 * halfTaps;
        double sum = 0;
        for (int i = 0; i < halfTaps; i++)
        {
            int k = (2 * i) + 1;
            double ideal = ((i & 1) == 0 ? 1.0 : -1.0) / (Math.PI * k);
            double ratio = k / span;
            double window = BesselI0(beta * Math.Sqrt(1 - (ratio * ratio))) / BesselI0(beta);
            taps[i] = ideal * window;
            sum += taps[i];
        }

        var result = new float[halfTaps];
        for (int i = 0; i < halfTaps; i++)
        {
            result[i] = (float)(taps[i] * 0.25 / sum);
        }

        return result;
    }

    private static double BesselI0(double x)
    {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++)
        {
            term *= half / k;
            double squared = term * term;
            sum += squared;
            if (squared < 1e-12 * sum)
            {
                break;
            }
        }

        return sum;
    }
}
