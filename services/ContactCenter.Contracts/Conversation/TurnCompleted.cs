using ContactCenter.Contracts.Calls;

namespace ContactCenter.Contracts.Conversation;

/// <summary>
/// A caller turn was answered: the bot's first audio frame of the answer left the gateway.
/// Carries every stage's time so a turn's latency can be read from the event alone.
/// </summary>
public sealed record TurnCompleted : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid TurnId { get; init; }
    public required string Transcript { get; init; }
    public required string ResponsePromptId { get; init; }
    public required DateTimeOffset SpeechEndedAt { get; init; }
    public required DateTimeOffset EndOfTurnAt { get; init; }
    public required DateTimeOffset AsrFinalAt { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
    public required DateTimeOffset FirstBotAudioAt { get; init; }

    /// <summary>Caller speech end to the first answer frame on the wire.</summary>
    public TimeSpan ResponseLatency => FirstBotAudioAt - SpeechEndedAt;
}
