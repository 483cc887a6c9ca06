namespace ContactCenter.LoadTest.Measurement;

/// <summary>The limits <see cref="ConversationMeasurer"/> judges a call's turns by.</summary>
public sealed record MeasurementOptions
{
    /// <summary>A bot spurt starting later than this after the caller finished is not an answer to it (the scenario's wait_for_bot).</summary>
    public TimeSpan WaitForBot { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bot silence while the caller waits longer than this is dead air.</summary>
    public TimeSpan DeadAirThreshold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A pause in the bot's speech up to this long is a sentence break, not the bot yielding to a backchannel:
    /// longer than the detector's hangover, shorter than any deliberate stop.
    /// </summary>
    public TimeSpan BackchannelMaxBotPause { get; init; } = TimeSpan.FromMilliseconds(700);

    /// <summary>How long after a backchannel ends the bot must still be talking for it to have talked through it.</summary>
    public TimeSpan BackchannelTalkOn { get; init; } = TimeSpan.FromSeconds(1);
}
