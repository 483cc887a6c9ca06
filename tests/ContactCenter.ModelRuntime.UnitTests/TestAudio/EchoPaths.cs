namespace ContactCenter.ModelRuntime.UnitTests;

/// <summary>
/// The echo paths every echo test runs over (issue 3): the bot's voice back on the caller's line 0–64 ms late and
/// 6–20 dB down, as hybrid echo and speakerphones return it.
/// </summary>
public static class EchoPaths
{
    public static readonly int[] DelaysMs = [0, 16, 32, 48, 64];

    public static readonly double[] AttenuationsDb = [6, 10, 14, 20];

    /// <summary>Every delay with every attenuation, as theory data (delay ms, attenuation dB).</summary>
    public static TheoryData<int, double> All()
    {
        var paths = new TheoryData<int, double>();
        foreach (int delay in DelaysMs)
        {
            foreach (double attenuation in AttenuationsDb)
            {
                paths.Add(delay, attenuation);
            }
        }

        return paths;
    }
}
