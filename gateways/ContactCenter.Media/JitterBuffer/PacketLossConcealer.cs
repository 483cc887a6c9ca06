using ContactCenter.Media.Codecs.Interop;

namespace ContactCenter.Media.JitterBuffer;

/// <summary>
/// Fills gaps left by lost or late packets. With libspandsp it uses spandsp's PLC (pitch-period
/// repetition with overlap-add and a 50 ms fade, ITU-T G.711 Appendix I style) which also smooths
/// the return to real audio; without it, the last 20 ms are repeated with the same linear fade.
/// Either way a concealed stretch never has more energy than the audio before it and decays to
/// silence, so a long gap does not become a buzz.
/// </summary>
internal sealed class PacketLossConcealer : IDisposable
{
    // Matches spandsp's fade: full silence 50 ms (400 samples at 8 kHz) into a gap.
    private const float FadePerSample = 1f / 400;

    private readonly SpanDspHandle? _plc;
    private readonly short[] _history = new short[160];
    private int _historyCount;
    private int _missingSamples;

    public PacketLossConcealer(bool useSpanDsp = true)
    {
        if (useSpanDsp && SpanDsp.IsAvailable)
        {
            IntPtr state = SpanDsp.PlcInit(IntPtr.Zero);
            if (state != IntPtr.Zero)
            {
                _plc = new SpanDspHandle(state, SpanDsp.PlcFree);
            }
        }
    }

    /// <summary>True when spandsp's PLC is in use.</summary>
    public bool UsesSpanDsp => _plc is not null;

    /// <summary>Records real audio (may adjust its start in place to blend out of a concealed gap).</summary>
    public unsafe void Received(Span<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        if (_plc is not null)
        {
            bool added = false;
            try
            {
                _plc.DangerousAddRef(ref added);
                fixed (short* amp = samples)
                {
                    _ = SpanDsp.PlcRx(_plc.DangerousGetHandle(), amp, samples.Length);
                }
            }
            finally
            {
                if (added)
                {
                    _plc.DangerousRelease();
                }
            }
        }
        else
        {
            int keep = Math.Min(samples.Length, _history.Length);
            if (keep == _history.Length)
            {
                samples[^keep..].CopyTo(_history);
            }
            else
            {
                _history.AsSpan(keep).CopyTo(_history);
                samples.CopyTo(_history.AsSpan(_history.Length - keep));
            }

            _historyCount = Math.Min(_history.Length, _historyCount + keep);
        }

        _missingSamples = 0;
    }

    /// <summary>Synthesises <paramref name="output"/>.Length samples for a gap.</summary>
    public unsafe void Conceal(Span<short> output)
    {
        if (output.IsEmpty)
        {
            return;
        }

        if (_plc is not null)
        {
            bool added = false;
            try
            {
                _plc.DangerousAddRef(ref added);
                fixed (short* amp = output)
                {
                    _ = SpanDsp.PlcFillIn(_plc.DangerousGetHandle(), amp, output.Length);
                }
            }
            finally
            {
                if (added)
                {
                    _plc.DangerousRelease();
                }
            }

            _missingSamples += output.Length;
            return;
        }

        if (_historyCount < _history.Length)
        {
            output.Clear();
            _missingSamples += output.Length;
            return;
        }

        for (int i = 0; i < output.Length; i++)
        {
            float gain = 1f - ((_missingSamples + i) * FadePerSample);
            output[i] = gain <= 0 ? (short)0 : (short)(_history[(_missingSamples + i) % _history.Length] * gain);
        }

        _missingSamples += output.Length;
    }

    public void Dispose() => _plc?.Dispose();
}
