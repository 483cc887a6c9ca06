namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// Real caller speech over a bargeable prompt. <see cref="Outcome"/>: "caught" (the floor was yielded), "resumed"
/// (taken for a backchannel), "not heard" (never paused). Latencies are tick differences x 20 ms from the clip's
/// speech onset frame: to the tick that sent ClearBotAudio (<see cref="OnsetToPauseMs"/>) and to the tick the
/// interruption was decided (<see cref="OnsetToYieldMs"/>); <see cref="EngineOnsetToPauseMs"/> is the engine's own
/// BargeInDetected.DecidedAt - OnsetAt (its VAD onset). <see cref="Context"/>: "mid-call" (after the greeting) or
/// "call start" (over the call's first prompt, while the echo guard has not yet heard the bot for long).
/// </summary>
internal sealed record InterruptionTrial(
    string Text,
    string Source,
    string Line,
    string Context,
    string Prompt,
    double OffsetSeconds,
    string Outcome,
    bool Caught,
    double? OnsetToPauseMs,
    double? OnsetToYieldMs,
    double? EngineOnsetToPauseMs,
    string? Transcript,
    string? HeardText);
