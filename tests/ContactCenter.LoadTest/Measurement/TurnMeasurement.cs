namespace ContactCenter.LoadTest.Measurement;

/// <summary>
/// What the wire says about one caller turn. Each measure applies to some kinds of turn only and is null for the
/// others; where it applies, null has the meaning given on it.
/// </summary>
public sealed record TurnMeasurement(CallerTurn Turn)
{
    /// <summary>
    /// Caller speech end → start of the bot's first spurt starting after it, for turns that expect an answer;
    /// null when the bot did not start talking within the wait (see <see cref="Unanswered"/>).
    /// </summary>
    public TimeSpan? ResponseLatency { get; init; }

    /// <summary>Interruption onset → end of the bot spurt playing at it; null when the bot was not talking then.</summary>
    public TimeSpan? BargeInStopLatency { get; init; }

    /// <summary>
    /// For backchannels: true when the bot kept talking (no pause over the limit) until well after it; null when the
    /// bot was not talking at its onset, so there was nothing to talk through.
    /// </summary>
    public bool? TalkedThrough { get; init; }

    /// <summary>The turn expected an answer and got none within the wait.</summary>
    public bool Unanswered => Turn.ExpectsAnswer && ResponseLatency is null;
}
