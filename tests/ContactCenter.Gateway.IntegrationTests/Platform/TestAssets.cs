namespace ContactCenter.Gateway.IntegrationTests.Platform;

/// <summary>Files from the repository the tests use, copied beside the test binary.</summary>
public static class TestAssets
{
    /// <summary>The greeting the media loop plays (dialplans/audio/greeting.wav).</summary>
    public static string GreetingWav => Path.Combine(AppContext.BaseDirectory, "assets", "greeting.wav");
}
