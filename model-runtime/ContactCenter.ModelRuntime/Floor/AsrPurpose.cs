namespace ContactCenter.ModelRuntime.Floor;

/// <summary>Why the floor wants a transcript.</summary>
public enum AsrPurpose
{
    /// <summary>Speculative: started on the first silence frame so the result is ready when the turn ends.</summary>
    EndOfTurn,
    /// <summary>Was the speech over the bot a backchannel ("mhm") or a real interruption?</summary>
    Backchannel,
}
