namespace ContactCenter.Media.Playout;

/// <summary>
/// How well the playout clock keeps time. Pacing error is how late each tick started against its
/// ideal absolute deadline (start + n x 20 ms); targets are served in a stable order within a
/// tick, so each stream's packets share that error plus a constant offset and its inter-packet
/// spacing stays even. Tick work is how long serving all targets took.
/// </summary>
public sealed record PacingStatistics
{
    /// <summary>Median pacing error.</summary>
    public TimeSpan P50 { get; init; }

    /// <summary>99th-percentile pacing error.</summary>
    public TimeSpan P99 { get; init; }

    /// <summary>Largest pacing error seen.</summary>
    public TimeSpan Max { get; init; }

    /// <summary>Ticks run.</summary>
    public long Ticks { get; init; }

    /// <summary>Ticks skipped because the thread fell a whole period behind (no catch-up bursts).</summary>
    public long Overruns { get; init; }

    /// <summary>Median time spent serving all targets in one tick.</summary>
    public TimeSpan TickWorkP50 { get; init; }

    /// <summary>99th-percentile time spent serving all targets in one tick.</summary>
    public TimeSpan TickWorkP99 { get; init; }

    /// <summary>Longest tick.</summary>
    public TimeSpan TickWorkMax { get; init; }

    /// <summary>Targets registered when the snapshot was taken.</summary>
    public int Targets { get; init; }
}
