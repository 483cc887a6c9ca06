using ContactCenter.Contracts.Calls;

namespace ContactCenter.Contracts.Conversation;

/// <summary>
/// The caller finished a turn: its transcript and when each stage happened. Published by the runtime
/// at the end-of-turn decision; the flow answers it with <see cref="SpeakPrompt"/>.
/// </summary>
public sealed record UtteranceRecognized : ICallMessage
{
    public required Guid CallId { get; init; }
    /// <summary>The end-of-turn decision.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid TurnId { get; init; }
    public required string Transcript { get; init; }
    /// <summary>How sure ASR was of <see cref="Transcript"/>: the geometric mean of its token probabilities, 0–1.</summary>
    public double Confidence { get; init; } = 1;
    public required DateTimeOffset SpeechStartedAt { get; init; }
    public required DateTimeOffset SpeechEndedAt { get; init; }
    public required DateTimeOffset AsrFinalAt { get; init; }
    /// <summary>Why the turn ended: "complete", "silence" or "incomplete-timeout".</summary>
    public required string EndOfTurnReason { get; init; }
    /// <summary>The prompt the caller interrupted to say this, if any.</summary>
    public string? InterruptedPromptId { get; init; }
}
