namespace ContactCenter.Contracts.Calls;

/// <summary>The caller put the call on hold or resumed it (re-INVITE, RFC 3264 §8.4).</summary>
public sealed record CallHoldChanged : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required bool OnHold { get; init; }
}
