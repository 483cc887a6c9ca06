using ContactCenter.Media.Codecs;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// The caller's echo-cancelled audio and each frame's arrival time, by the call's frame tick, for the last
/// <see cref="Capacity"/> frames. ASR requests copy spans of it; floor ticks are turned into times with it.
/// Tick thread only.
/// </summary>
internal sealed class CallerAudioRing
{
    private const int FrameSamples = AudioFrame.SampleCount;

    private readonly short[] _samples;
    private readonly DateTimeOffset[] _times;

    public CallerAudioRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _samples = new short[capacity * FrameSamples];
        _times = new DateTimeOffset[capacity];
    }

    public int Capacity { get; }

    /// <summary>The tick of the newest frame; -1 before the first.</summary>
    public long LastTick { get; private set; } = -1;

    private long OldestTick => Math.Max(0, LastTick - Capacity + 1);

    /// <summary>Stores one frame received at <paramref name="at"/> and returns its tick.</summary>
    public long Append(ReadOnlySpan<short> frame, DateTimeOffset at)
    {
        long tick = ++LastTick;
        int slot = (int)(tick % Capacity);
        frame.CopyTo(_samples.AsSpan(slot * FrameSamples, FrameSamples));
        _times[slot] = at;
        return tick;
    }

    /// <summary>The samples of a stored frame.</summary>
    public ReadOnlySpan<short> Frame(long tick)
    {
        if (tick < OldestTick || tick > LastTick)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, "The frame is not in the ring.");
        }

        return _samples.AsSpan((int)(tick % Capacity) * FrameSamples, FrameSamples);
    }

    /// <summary>
    /// When the frame of <paramref name="tick"/> arrived; ticks outside the ring are extrapolated 20 ms per
    /// tick from its nearest end, and <paramref name="fallback"/> is used before any frame.
    /// </summary>
    public DateTimeOffset TimeOf(long tick, DateTimeOffset fallback)
    {
        if (LastTick < 0)
        {
            return fallback;
        }

        long nearest = Math.Clamp(tick, OldestTick, LastTick);
        return _times[nearest % Capacity] + TimeSpan.FromMilliseconds((tick - nearest) * AudioFrame.DurationMs);
    }

    /// <summary>A copy of the audio of ticks [<paramref name="fromTick"/>, <paramref name="toTick"/>], clipped to what the ring holds.</summary>
    public short[] Copy(long fromTick, long toTick)
    {
        long from = Math.Max(fromTick, OldestTick);
        long to = Math.Min(toTick, LastTick);
        if (to < from)
        {
            return [];
        }

        var copy = new short[(to - from + 1) * FrameSamples];
        for (long tick = from; tick <= to; tick++)
        {
            Frame(tick).CopyTo(copy.AsSpan((int)(tick - from) * FrameSamples));
        }

        return copy;
    }
}
