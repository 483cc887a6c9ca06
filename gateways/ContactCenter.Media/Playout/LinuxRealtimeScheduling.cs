using System.Runtime.InteropServices;

namespace ContactCenter.Media.Playout;

/// <summary>
/// Real-time scheduling for the playout thread on Linux (SCHED_FIFO, sched(7)). The media clock must not
/// wait behind ordinary threads on a loaded host; FreeSWITCH (-rp) and Asterisk (-p) do the same. It needs
/// root or CAP_SYS_NICE; without them the thread stays at normal priority and the scheduler says so.
/// The kernel's RT throttling (sched_rt_runtime_us) keeps a runaway real-time thread from starving the host.
/// </summary>
public static partial class LinuxRealtimeScheduling
{
    private const int SchedFifo = 1;

    /// <summary>Makes the calling thread SCHED_FIFO at <paramref name="priority"/> (1–99); false when not permitted or not Linux.</summary>
    public static bool TryEnableForCurrentThread(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var parameters = new SchedParam { Priority = priority };
            return SchedSetScheduler(0, SchedFifo, in parameters) == 0; // pid 0: the calling thread
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, in SchedParam parameters);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }
}
