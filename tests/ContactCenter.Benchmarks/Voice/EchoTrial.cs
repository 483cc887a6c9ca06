namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The greeting and then an answer prompt played with nothing on the caller's line but their own echo and noise (the
/// greeting is the call's first bot speech: the echo canceller starts unconverged). Any pause is a false barge-in, any
/// published utterance a false turn; <see cref="PlayedWhole"/> says the prompt went out to its end without a gap.
/// <see cref="TransportJitter"/>: the answer crossed the engine→gateway transport a tick later than the greeting did.
/// </summary>
internal sealed record EchoTrial(
    string Prompt,
    int DelayMs,
    double AttenuationDb,
    double NoiseDbfs,
    bool TransportJitter,
    int FalseBargeIns,
    int FalseTurns,
    bool PlayedWhole,
    string? FalseTranscript);
