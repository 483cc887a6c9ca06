namespace ContactCenter.ModelRuntime.Engine;

/// <summary>A published caller turn, kept until its answer's first frame is played (to publish TurnCompleted).</summary>
internal sealed record RememberedTurn(
    Guid TurnId,
    string Transcript,
    DateTimeOffset SpeechEndedAt,
    DateTimeOffset EndOfTurnAt,
    DateTimeOffset AsrFinalAt);
