namespace ContactCenter.Orchestrator.Dialplans;

/// <summary>
/// A loaded, validated dialplan (DESIGN §3): what to say when a call starts, which intents the caller
/// may ask for and what the bot answers to each, and what it says when nothing matched.
/// </summary>
public sealed record Dialplan
{
    /// <summary>The file it was loaded from, as given to the loader (used in messages and logs).</summary>
    public required string Source { get; init; }

    /// <summary>The line's display name ("Contoso Energy").</summary>
    public required string Name { get; init; }

    /// <summary>Played when the call starts; it should name the choices the intents cover.</summary>
    public required string Greeting { get; init; }

    /// <summary>Played when no intent matched the caller's turn (then the bot listens again).</summary>
    public required string Fallback { get; init; }

    /// <summary>Whether the bot may say "mhm" during a long caller turn (off unless the dialplan asks).</summary>
    public bool Backchannels { get; init; }

    /// <summary>In file order, which is also the tie-break order of the matcher.</summary>
    public required IReadOnlyList<DialplanIntent> Intents { get; init; }
}
