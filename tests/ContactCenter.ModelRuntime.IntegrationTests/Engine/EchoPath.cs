namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>How the bot's played audio leaks back into the caller's: after <paramref name="DelayMs"/>, <paramref name="AttenuationDb"/> quieter.</summary>
public sealed record EchoPath(int DelayMs, double AttenuationDb)
{
    public double Gain => Math.Pow(10, -AttenuationDb / 20);
}
