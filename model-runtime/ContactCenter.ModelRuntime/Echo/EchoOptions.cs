namespace ContactCenter.ModelRuntime.Echo;

/// <summary>Echo handling per call.</summary>
public sealed class EchoOptions
{
    /// <summary>Longest echo delay covered, from the bot frame's emission to its echo in the caller's audio.</summary>
    public TimeSpan Tail { get; set; } = TimeSpan.FromMilliseconds(256);
}
