using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ContactCenter.Media.Playout;

/// <summary>
/// Absolute-deadline sleeping on Linux: clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) wakes at
/// a given instant with microsecond resolution (Thread.Sleep only has milliseconds and sleeps
/// relative, so it adds up), and PR_SET_TIMERSLACK stops the kernel from deferring the wake-up by
/// its default 50 µs. Used only when Stopwatch runs on the same clock (checked at start-up);
/// elsewhere the clock falls back to Thread.Sleep.
/// </summary>
internal static partial class LinuxMonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int PrSetTimerSlack = 29;
    private const int Eintr = 4;

    private static readonly Lazy<bool> Supported = new(Probe);

    [ThreadStatic]
    private static bool t_slackSet;

    public static bool IsSupported => Supported.Value;

    /// <summary>Sleeps until the Stopwatch timestamp <paramref name="timestamp"/> (nanoseconds of CLOCK_MONOTONIC).</summary>
    public static void SleepUntil(long timestamp)
    {
        if (!t_slackSet)
        {
            t_slackSet = true;
            _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
        }

        var request = new Timespec { Seconds = timestamp / 1_000_000_000, Nanoseconds = timestamp % 1_000_000_000 };
        while (ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in request, IntPtr.Zero) == Eintr)
        {
            // Interrupted by a signal (the runtime uses some): the deadline is absolute, so just go again.
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Stopwatch.Frequency != 1_000_000_000)
        {
            return false;
        }

        try
        {
            // Stopwatch must be CLOCK_MONOTONIC for the deadline to mean the same instant.
            if (ClockGettime(ClockMonotonic, out Timespec now) != 0)
            {
                return false;
            }

            long monotonic = (now.Seconds * 1_000_000_000) + now.Nanoseconds;
            return Math.Abs(monotonic - Stopwatch.GetTimestamp()) < 1_000_000;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clockId, int flags, in Timespec request, IntPtr remain);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGettime(int clockId, out Timespec time);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
