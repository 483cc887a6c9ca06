using ContactCenter.Contracts.Calls;

namespace ContactCenter.Contracts.Conversation;

/// <summary>A prompt ended, played out or cut short; <see cref="HeardText"/> is what the caller actually heard.</summary>
public sealed record PromptPlayed : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string PromptId { get; init; }
    public required string Text { get; init; }
    /// <summary>The prompt truncated at the interruption (whole words heard), or all of it.</summary>
    public required string HeardText { get; init; }
    public required bool Interrupted { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan PlayedDuration { get; init; }
}
