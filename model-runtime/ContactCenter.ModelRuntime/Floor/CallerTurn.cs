namespace ContactCenter.ModelRuntime.Floor;

/// <summary>A finished caller turn, with the tick of each stage (the engine turns ticks into times).</summary>
public sealed record CallerTurn(
    string Transcript,
    double Confidence,
    long SpeechStartTick,
    long SpeechEndTick,
    long AsrFinalTick,
    long DecisionTick,
    EndOfTurnReason Reason,
    bool Interrupted);
