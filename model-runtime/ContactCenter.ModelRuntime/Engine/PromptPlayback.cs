namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// A prompt being played on one call: how far it went out (<see cref="Position"/>, in 8 kHz samples, rewound to
/// what the caller heard when the gateway drops queued frames), and where its marks stand. Tick thread only.
/// </summary>
internal sealed class PromptPlayback(RenderedPrompt prompt)
{
    public RenderedPrompt Prompt { get; } = prompt;

    public int Length => Prompt.Speech.Samples.Length;

    /// <summary>The next sample to send; after a barge-in, the first sample the caller did not hear.</summary>
    public int Position { get; set; }

    public bool Paused { get; set; }

    public bool AllEmitted => Position >= Length && FirstEmitted;

    /// <summary>The next frame sent carries the "first" mark (again after a barge-in dropped it unplayed).</summary>
    public bool FirstEmitted { get; set; }

    /// <summary>Frames sent so far (every tenth carries an echo-alignment mark).</summary>
    public int FramesEmitted { get; set; }

    /// <summary>The gateway reported the first marked frame played.</summary>
    public bool FirstPlayed { get; set; }

    /// <summary>When the first frame left the gateway (or, until it says so, when the engine sent it).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The engine tick that sent the last frame; -1 while frames remain.</summary>
    public long AllEmittedTick { get; set; } = -1;
}
