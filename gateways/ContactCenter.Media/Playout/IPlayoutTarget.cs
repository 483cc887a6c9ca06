namespace ContactCenter.Media.Playout;

/// <summary>Something the <see cref="PlayoutScheduler"/> drives once per 20 ms tick (one call's media).</summary>
public interface IPlayoutTarget
{
    /// <summary>
    /// Called once per tick on the scheduler thread; must return quickly (microseconds: encode
    /// and send one packet, pull one frame from the jitter buffer) and must not block. Tick
    /// indices increase; after an overrun some are skipped, never repeated.
    /// </summary>
    void OnTick(long tickIndex);
}
