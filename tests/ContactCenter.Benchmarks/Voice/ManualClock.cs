namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// A clock that moves only when told to: the frames-in/frames-out runs advance it 20 ms per tick, so every time the
/// engine reports is a whole number of ticks from <see cref="Start"/> and a run gives the same figures every time.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start)
    {
        Start = start;
        _now = start;
    }

    public DateTimeOffset Start { get; }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>The tick a time reported by the engine falls in (ticks are 20 ms from <see cref="Start"/>).</summary>
    public long TickOf(DateTimeOffset at) => (long)Math.Floor((at - Start) / TimeSpan.FromMilliseconds(20));
}
