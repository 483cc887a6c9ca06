namespace ContactCenter.Gateway.IntegrationTests.Engine;

/// <summary>What the scripted runtime does on each call.</summary>
public sealed record ScriptedRuntimeScript
{
    /// <summary>Bot frames of a 1000 Hz tone sent as soon as the call opens, marked 1..N.</summary>
    public int BurstFrames { get; init; }

    /// <summary>Send Clear once this many burst frames were reported played; null never clears.</summary>
    public int? ClearAfterPlayed { get; init; }

    /// <summary>After the burst (and the clear), send every caller frame straight back, marked from <see cref="ScriptedRuntime.EchoMarkBase"/> up.</summary>
    public bool Echo { get; init; }

    /// <summary>Abort the stream (as a runtime that died would) after this many caller frames; null never does.</summary>
    public int? AbortAfterCallerFrames { get; init; }
}
