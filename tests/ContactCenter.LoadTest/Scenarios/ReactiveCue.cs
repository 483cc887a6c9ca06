namespace ContactCenter.LoadTest.Scenarios;

/// <summary>"After the bot stops (or starts) talking, wait <see cref="Delay"/>, then act": how a real caller times a turn.</summary>
public sealed record ReactiveCue(BotTransition After, TimeSpan Delay);

/// <summary>The change in the bot's speech, heard at the wire, that a <see cref="ReactiveCue"/> waits for.</summary>
public enum BotTransition
{
    /// <summary>The bot's talk spurt ended ("bot-stops").</summary>
    StopsTalking,

    /// <summary>A bot talk spurt began ("bot-starts").</summary>
    StartsTalking,
}
