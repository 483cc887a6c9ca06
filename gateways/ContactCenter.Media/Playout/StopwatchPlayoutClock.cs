using System.Diagnostics;

namespace ContactCenter.Media.Playout;

/// <summary>
/// The real clock: <see cref="Stopwatch"/> timestamps; waits by sleeping until about 1.5 ms before
/// the deadline and then yielding/spinning the rest, because a plain sleep on a loaded host wakes
/// up late by a scheduler quantum. The spin costs under 10% of one core for the whole process.
/// </summary>
public sealed class StopwatchPlayoutClock : IPlayoutClock
{
    /// <summary>The shared instance.</summary>
    public static StopwatchPlayoutClock Instance { get; } = new();

    public long Frequency => Stopwatch.Frequency;

    public long GetTimestamp() => Stopwatch.GetTimestamp();

    public void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        double ticksPerMs = Stopwatch.Frequency / 1000.0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            double ms = remaining / ticksPerMs;
            if (ms > 2.5)
            {
                if (cancellationToken.WaitHandle.WaitOne((int)(ms - 1.5)))
                {
                    return;
                }
            }
            else if (ms > 0.2)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
