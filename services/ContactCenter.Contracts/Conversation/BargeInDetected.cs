using ContactCenter.Contracts.Calls;

namespace ContactCenter.Contracts.Conversation;

/// <summary>
/// The caller spoke (or keyed) over the bot. Published once the runtime knows which kind it was:
/// a backchannel ("mhm") resumes the prompt, an interruption yields the floor.
/// </summary>
public sealed record BargeInDetected : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string PromptId { get; init; }
    public required BargeInKind Kind { get; init; }
    /// <summary>What the caller said over the bot, when ASR ran on it.</summary>
    public string? Transcript { get; init; }
    /// <summary>Caller speech onset (first speech frame).</summary>
    public required DateTimeOffset OnsetAt { get; init; }
    /// <summary>When the runtime paused the bot.</summary>
    public required DateTimeOffset DecidedAt { get; init; }
    /// <summary>When the gateway dropped the queued bot audio, as it reported it.</summary>
    public DateTimeOffset? OutputStoppedAt { get; init; }
}
