namespace ContactCenter.Contracts.Calls;

/// <summary>The caller pressed a key (RFC 4733 telephone-event or SIP INFO).</summary>
public sealed record DtmfReceived : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required char Digit { get; init; }
    /// <summary>"rfc4733" or "sip-info".</summary>
    public required string Method { get; init; }
}
