using ContactCenter.LoadTest.Scenarios;

namespace ContactCenter.LoadTest.Measurement;

/// <summary>
/// A caller utterance as it went out on the call: what it was meant as, and when (call time) it started and ended.
/// The caller's side is scripted, so these times are known exactly rather than detected.
/// </summary>
public sealed record CallerTurn(UtteranceKind Kind, TimeSpan Start, TimeSpan End)
{
    /// <summary>Whether the caller waits for an answer after it: requests, interruptions and spoken digits do.</summary>
    public bool ExpectsAnswer => Kind is UtteranceKind.Request or UtteranceKind.Interruption or UtteranceKind.Digits;
}
