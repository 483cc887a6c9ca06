namespace ContactCenter.Contracts.Conversation;

/// <summary>What caller activity over the bot turned out to be.</summary>
public enum BargeInKind
{
    /// <summary>A real interruption: the bot yielded the floor.</summary>
    Interruption,
    /// <summary>A short acknowledgement ("mhm", "okay"): the bot resumed where it paused.</summary>
    Backchannel,
    /// <summary>A keypad press during a bargeable prompt.</summary>
    Dtmf,
}
