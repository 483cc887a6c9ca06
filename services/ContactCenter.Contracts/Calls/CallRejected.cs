namespace ContactCenter.Contracts.Calls;

/// <summary>An INVITE the gateway refused before answering (access control, unknown number, no common codec, overload).</summary>
public sealed record CallRejected : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string SipCallId { get; init; }
    public required string From { get; init; }
    public required string CalledNumber { get; init; }
    public required string Source { get; init; }
    public required int SipStatus { get; init; }
    public required string Reason { get; init; }
}
