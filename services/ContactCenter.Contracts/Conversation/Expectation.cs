namespace ContactCenter.Contracts.Conversation;

/// <summary>
/// What the last prompt asked for. End of turn is predicted from it: a complete answer ends the
/// turn after a short silence, an incomplete one waits longer (VoiceXML completetimeout vs incompletetimeout).
/// </summary>
public sealed record Expectation
{
    /// <summary>Anything may follow; no completeness is known.</summary>
    public static Expectation Open { get; } = new() { Kind = ExpectationKind.Open };

    public required ExpectationKind Kind { get; init; }
    /// <summary>
    /// For <see cref="ExpectationKind.Choice"/>: the phrases that complete the answer ("pay my bill"), normalised:
    /// lower case, punctuation removed (apostrophes inside words kept), single spaces. Compare transcripts normalised the same way.
    /// </summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];
    /// <summary>For <see cref="ExpectationKind.Digits"/>: how many digits complete the answer.</summary>
    public int DigitCount { get; init; }
}
