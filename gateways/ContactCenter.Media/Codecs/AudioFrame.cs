namespace ContactCenter.Media.Codecs;

/// <summary>
/// 20 ms of 16-bit signed mono PCM at 8000 Hz (160 samples): the one audio format between the
/// gateway and the engine. Immutable, so one instance can be handed to several consumers
/// (engine, recorder) without copies; the samples are never written after construction.
/// </summary>
public sealed class AudioFrame
{
    /// <summary>Samples per frame: 20 ms at 8 kHz.</summary>
    public const int SampleCount = 160;

    /// <summary>Sample rate of every frame.</summary>
    public const int SampleRate = 8000;

    /// <summary>Frame duration in milliseconds.</summary>
    public const int DurationMs = 20;

    private readonly short[] _samples;

    /// <summary>A shared frame of digital silence (all zeros).</summary>
    public static AudioFrame Silence { get; } = new(new short[SampleCount], owned: true);

    /// <summary>Creates a frame from a copy of exactly 160 samples.</summary>
    public AudioFrame(ReadOnlySpan<short> samples)
    {
        if (samples.Length != SampleCount)
        {
            throw new ArgumentException($"An audio frame holds exactly {SampleCount} samples, got {samples.Length}.", nameof(samples));
        }

        _samples = samples.ToArray();
    }

    private AudioFrame(short[] samples, bool owned)
    {
        _ = owned;
        _samples = samples;
    }

    /// <summary>
    /// Wraps an array without copying. The caller gives up the array: nobody may write to it
    /// afterwards (used on the receive path to avoid a second copy per frame).
    /// </summary>
    internal static AudioFrame Wrap(short[] samples)
    {
        if (samples.Length != SampleCount)
        {
            throw new ArgumentException($"An audio frame holds exactly {SampleCount} samples, got {samples.Length}.", nameof(samples));
        }

        return new AudioFrame(samples, owned: true);
    }

    /// <summary>The 160 samples.</summary>
    public ReadOnlySpan<short> Samples => _samples;

    /// <summary>The 160 samples as memory (for async consumers such as gRPC serialisation).</summary>
    public ReadOnlyMemory<short> Memory => _samples;

    /// <summary>True when every sample is zero.</summary>
    public bool IsSilent => ReferenceEquals(this, Silence) || !_samples.AsSpan().ContainsAnyExcept((short)0);

    /// <summary>Root-mean-square level of the frame (0 for silence, 32767 for a full-scale square wave).</summary>
    public double Rms()
    {
        double sum = 0;
        foreach (short s in _samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / SampleCount);
    }

    /// <summary>Creates a frame from little-endian 16-bit PCM bytes (320 bytes).</summary>
    public static AudioFrame FromLittleEndianBytes(ReadOnlySpan<byte> pcm16le)
    {
        if (pcm16le.Length != SampleCount * 2)
        {
            throw new ArgumentException($"An audio frame is {SampleCount * 2} bytes of 16-bit PCM, got {pcm16le.Length}.", nameof(pcm16le));
        }

        var samples = new short[SampleCount];
        for (int i = 0; i < SampleCount; i++)
        {
            samples[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(pcm16le[(i * 2)..]);
        }

        return new AudioFrame(samples, owned: true);
    }

    /// <summary>Writes the samples as little-endian 16-bit PCM (320 bytes) into <paramref name="destination"/>.</summary>
    public void WriteLittleEndianBytes(Span<byte> destination)
    {
        if (destination.Length < SampleCount * 2)
        {
            throw new ArgumentException($"Need {SampleCount * 2} bytes.", nameof(destination));
        }

        for (int i = 0; i < SampleCount; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], _samples[i]);
        }
    }
}
