namespace ContactCenter.LoadTest.Scenarios;

/// <summary>DTMF digits the caller sends (RFC 4733 events), at a fixed call time or after a cue from the bot.</summary>
public sealed record CallerDtmf
{
    /// <summary>0-9, *, #, A-D.</summary>
    public required string Digits { get; init; }

    /// <summary>When to send them, in call time; null when <see cref="Cue"/> decides.</summary>
    public TimeSpan? At { get; init; }

    /// <summary>Null when <see cref="At"/> decides.</summary>
    public ReactiveCue? Cue { get; init; }
}
