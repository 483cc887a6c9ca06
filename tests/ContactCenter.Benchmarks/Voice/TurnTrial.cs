namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// A caller's answer after a prompt that said what it expects. <see cref="SpeechEndToDecisionMs"/> runs from the
/// clip's last speech frame to the end-of-turn decision (tick difference x 20 ms), <see cref="EngineSpeechEndToDecisionMs"/>
/// from the engine's own SpeechEndedAt (its VAD). <see cref="Turns"/> above 1 means the answer was cut in two: the
/// first turn ended before the caller had finished, and that first decision is the one timed.
/// </summary>
internal sealed record TurnTrial(
    string Text,
    string Source,
    string Line,
    string Expectation,
    string Expected,
    string Reason,
    double? SpeechEndToDecisionMs,
    double? EngineSpeechEndToDecisionMs,
    int Turns,
    string? Transcript);
