using System.Diagnostics;

namespace ContactCenter.Media.Playout;

/// <summary>
/// The real clock: <see cref="Stopwatch"/> timestamps. On Linux it sleeps with an absolute
/// deadline (clock_nanosleep) until <see cref="SpinMargin"/> before the deadline and spins the
/// rest (with 2 ms slots that spin is about 5% of one core); elsewhere it sleeps in milliseconds
/// and yields/spins the last 1.5 ms, because a relative sleep on a loaded host wakes up late.
/// </summary>
public sealed class StopwatchPlayoutClock : IPlayoutClock
{
    /// <summary>The shared instance.</summary>
    public static StopwatchPlayoutClock Instance { get; } = new();

    /// <summary>How long before a deadline sleeping stops and spinning starts (Linux path).</summary>
    public static TimeSpan SpinMargin { get; } = TimeSpan.FromMicroseconds(100);

    public long Frequency => Stopwatch.Frequency;

    public long GetTimestamp() => Stopwatch.GetTimestamp();

    public void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        if (LinuxMonotonicSleep.IsSupported)
        {
            long wake = timestamp - (long)(SpinMargin.TotalSeconds * Stopwatch.Frequency);
            if (Stopwatch.GetTimestamp() < wake)
            {
                LinuxMonotonicSleep.SleepUntil(wake);
            }

            while (Stopwatch.GetTimestamp() < timestamp && !cancellationToken.IsCancellationRequested)
            {
                Thread.SpinWait(20);
            }

            return;
        }

        double ticksPerMs = Stopwatch.Frequency / 1000.0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            double ms = remaining / ticksPerMs;
            if (ms > 1.5)
            {
                if (cancellationToken.WaitHandle.WaitOne(Math.Max(1, (int)(ms - 1.5))))
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
