namespace ContactCenter.LoadTest.Scenarios;

/// <summary>
/// A stretch of the caller's audio (<see cref="Start"/> to <see cref="End"/> into the recording) and what it is meant
/// to be. Played at its recorded time, or, when <see cref="Cue"/> is set, after the bot's cue the way a real caller reacts.
/// </summary>
public sealed record CallerUtterance
{
    /// <summary>Where the utterance starts in the audio file.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>Where it ends in the audio file; after <see cref="Start"/>.</summary>
    public required TimeSpan End { get; init; }

    public required UtteranceKind Kind { get; init; }

    /// <summary>The intent the platform should recognise, when the scenario checks it.</summary>
    public string? Intent { get; init; }

    /// <summary>What the caller says, for reports.</summary>
    public string? Text { get; init; }

    /// <summary>Null: played at <see cref="Start"/> of the call's audio clock; otherwise when the cue fires.</summary>
    public ReactiveCue? Cue { get; init; }

    public TimeSpan Duration => End - Start;
}
