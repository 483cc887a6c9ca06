namespace ContactCenter.ModelRuntime.Floor;

/// <summary>How complete a (partial) transcript is as an answer to what was asked.</summary>
public enum Completeness
{
    Unknown,
    Complete,
    Incomplete,
}
