using System.Runtime.InteropServices;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// SCHED_FIFO for the engine's tick thread on Linux (sched(7)), as the gateway's playout clock does: the tick
/// must not queue behind ordinary threads (the ASR worker, the bus, gRPC) on a loaded host. Needs root or
/// CAP_SYS_NICE; without them the thread stays at normal priority. The kernel's RT throttling
/// (sched_rt_runtime_us) keeps a runaway real-time thread from starving the host.
/// </summary>
internal static partial class RealtimeThread
{
    /// <summary>Low among real-time threads, below the gateway's playout clock (10): its pacing matters more.</summary>
    public const int Priority = 5;

    private const int SchedFifo = 1;

    /// <summary>Makes the calling thread SCHED_FIFO; false when not permitted or not Linux.</summary>
    public static bool TryEnableForCurrentThread(int priority = Priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var parameters = new SchedParam { Value = priority };
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
        public int Value;
    }
}
