namespace ContactCenter.Contracts.Calls;

/// <summary>Command: end a call from the platform side with a Q.850 cause.</summary>
public sealed record HangUpCall : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public int Q850Cause { get; init; } = 16;
    public CallParty RequestedBy { get; init; } = CallParty.Gateway;
}
