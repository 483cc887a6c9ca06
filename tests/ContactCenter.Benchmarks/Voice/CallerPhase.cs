namespace ContactCenter.Benchmarks.Voice;

/// <summary>Where a simulated caller of <c>voice capacity</c> is in its loop.</summary>
internal enum CallerPhase
{
    /// <summary>Waiting for the bot to start talking (the greeting, or the answer to what the caller said).</summary>
    AwaitingPrompt,

    /// <summary>The bot is talking; the caller may have planned a backchannel or an interruption.</summary>
    Listening,

    /// <summary>Between the end of a prompt and the caller's next request.</summary>
    Pausing,

    /// <summary>The caller's audio is going out.</summary>
    Speaking,
}
