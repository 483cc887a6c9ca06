using System.Diagnostics;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// CPU time of this process by thread name, from /proc/self/task/*/stat (utime + stime, proc(5)), so the engine's tick
/// and ASR threads can be told from the simulated gateway around them. Linux only; elsewhere only the process total.
/// Thread names are the kernel's, cut to 15 characters ("Duplex engine t").
/// </summary>
internal sealed record ThreadCpu(TimeSpan Process, IReadOnlyDictionary<string, TimeSpan> ByThread)
{
    /// <summary>Clock ticks per second of the stat fields (sysconf(_SC_CLK_TCK); 100 on every Linux this runs on).</summary>
    private const double ClockTicksPerSecond = 100;

    public static ThreadCpu Snapshot()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var byThread = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    string stat = File.ReadAllText(Path.Combine(task, "stat"));

                    // Fields after the ")" closing the name: state is field 3, utime 14 and stime 15.
                    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    double ticks = double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                        + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                    byThread[name] = byThread.GetValueOrDefault(name) + TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }

        return new ThreadCpu(self.TotalProcessorTime, byThread);
    }

    /// <summary>Cores used between <paramref name="before"/> and this snapshot, over <paramref name="wall"/>: the process and the named threads.</summary>
    public (double Process, Dictionary<string, double> Threads) CoresSince(ThreadCpu before, TimeSpan wall)
    {
        Debug.Assert(wall > TimeSpan.Zero);
        var threads = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, time) in ByThread)
        {
            threads[name] = (time - before.ByThread.GetValueOrDefault(name)) / wall;
        }

        return ((Process - before.Process) / wall, threads);
    }
}
