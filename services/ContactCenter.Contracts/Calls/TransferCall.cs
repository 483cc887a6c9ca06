namespace ContactCenter.Contracts.Calls;

/// <summary>Command: hand the caller to a human agent by blind transfer.</summary>
public sealed record TransferCall : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>SIP URI of the agent or queue, e.g. sip:agent@pbx.example.com.</summary>
    public required string Target { get; init; }
    /// <summary>Context passed along to the agent as X-ContactCenter-* headers on the transferred call.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();
}
