namespace ContactCenter.Contracts.Calls;

/// <summary>The call detail record: published once when a call ends, whatever ended it.</summary>
public sealed record CallEnded : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string SipCallId { get; init; }
    public required string From { get; init; }
    public required string CalledNumber { get; init; }
    /// <summary>Who ended the call: Caller, Gateway (bot, timeout, transfer) or Supervisor.</summary>
    public required CallParty HungUpBy { get; init; }
    /// <summary>ITU-T Q.850 cause (16 normal clearing, 17 busy, 41 temporary failure, …), RFC 3326.</summary>
    public required int Q850Cause { get; init; }
    public required string Reason { get; init; }
    public required string Codec { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required RtpQuality Rtp { get; init; }
    /// <summary>Set when the call left the platform by a transfer (the agent's URI).</summary>
    public string? TransferredTo { get; init; }
}
