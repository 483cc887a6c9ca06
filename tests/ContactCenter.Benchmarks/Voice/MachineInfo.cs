using System.Runtime.InteropServices;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>Where and when a figure was measured: the reports keep it beside the numbers (the host is shared and noisy).</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string LoadAverage, string Runtime, string Os, DateTimeOffset MeasuredAt)
{
    public static MachineInfo Describe() => new(
        CpuModel(),
        Environment.ProcessorCount,
        LoadAverageNow(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        DateTimeOffset.UtcNow);

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), or "?" off Linux.</summary>
    public static string LoadAverageNow()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
