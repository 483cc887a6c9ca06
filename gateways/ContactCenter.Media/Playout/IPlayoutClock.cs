namespace ContactCenter.Media.Playout;

/// <summary>The time source of the <see cref="PlayoutScheduler"/>; replaceable so tests can drive ticks deterministically.</summary>
public interface IPlayoutClock
{
    /// <summary>Timestamp units per second.</summary>
    long Frequency { get; }

    /// <summary>Current monotonic timestamp.</summary>
    long GetTimestamp();

    /// <summary>Blocks until <see cref="GetTimestamp"/> reaches <paramref name="timestamp"/> (returns at once if it has).</summary>
    void WaitUntil(long timestamp, CancellationToken cancellationToken);
}
