namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// Caller speech over a prompt, from the pause until the floor resumes or yields. Tick thread only.
/// The gateway's QueueCleared report gives the exact stop time and how many frames the caller never heard.
/// </summary>
internal sealed class BargeInState(PromptPlayback? prompt, long onsetTick, DateTimeOffset decidedAt)
{
    /// <summary>The paused prompt; null when nothing the floor knew of was playing.</summary>
    public PromptPlayback? Prompt { get; } = prompt;

    public long OnsetTick { get; } = onsetTick;

    public DateTimeOffset DecidedAt { get; } = decidedAt;

    /// <summary>A ClearBotAudio was sent and its QueueCleared has not come back yet.</summary>
    public bool AwaitingClear { get; set; }

    public DateTimeOffset? OutputStoppedAt { get; set; }

    /// <summary>The floor yielded; reported once the gateway says what it dropped (or at <see cref="YieldDeadlineTick"/>).</summary>
    public bool Yielded { get; set; }

    public string? YieldTranscript { get; set; }

    public bool YieldByDtmf { get; set; }

    public long YieldDeadlineTick { get; set; }
}
