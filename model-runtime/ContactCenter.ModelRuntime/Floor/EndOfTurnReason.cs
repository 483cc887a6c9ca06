namespace ContactCenter.ModelRuntime.Floor;

/// <summary>Why a caller turn was judged over.</summary>
public enum EndOfTurnReason
{
    /// <summary>The answer was complete for what was asked: a short silence sufficed.</summary>
    Complete,
    /// <summary>Nothing told complete from incomplete: the default silence passed.</summary>
    Silence,
    /// <summary>The answer sounded unfinished ("and", "um", half a number) but the long silence passed.</summary>
    IncompleteTimeout,
    /// <summary>The caller spoke for longer than a turn may last.</summary>
    MaxDuration,
}
