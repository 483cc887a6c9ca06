namespace ContactCenter.ModelRuntime.Floor;

/// <summary>Who has the floor on one call (DESIGN §2).</summary>
public enum FloorState
{
    /// <summary>Nobody speaks; waiting for the caller.</summary>
    Listening,
    /// <summary>The caller has the floor; end of turn is being predicted.</summary>
    CallerSpeaking,
    /// <summary>The caller's turn ended; waiting for the flow's answer (a filler covers a long wait).</summary>
    AwaitingResponse,
    /// <summary>The bot is playing a prompt.</summary>
    BotSpeaking,
    /// <summary>The caller spoke over a bargeable prompt: the bot is paused until it is known whether that was a backchannel.</summary>
    BotPaused,
}
