namespace ContactCenter.Contracts.Calls;

/// <summary>A call was answered by the gateway and its media is flowing.</summary>
public sealed record CallStarted : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string SipCallId { get; init; }
    /// <summary>The caller's address-of-record from the From header (e.g. sip:+15551234@trunk).</summary>
    public required string From { get; init; }
    /// <summary>The dialled number or user from the Request-URI.</summary>
    public required string CalledNumber { get; init; }
    /// <summary>Network source of the INVITE (the trunk or softphone), as ip:port.</summary>
    public required string Source { get; init; }
    public required string Codec { get; init; }
}
