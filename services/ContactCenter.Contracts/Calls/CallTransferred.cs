namespace ContactCenter.Contracts.Calls;

/// <summary>The outcome of a blind transfer (REFER, RFC 3515) once the final NOTIFY arrived.</summary>
public sealed record CallTransferred : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Target { get; init; }
    public required bool Succeeded { get; init; }
    /// <summary>The final status line the transferee reported in its sipfrag NOTIFY (e.g. 200 or 486).</summary>
    public required int FinalStatus { get; init; }
    /// <summary>The context handed to the agent (X-ContactCenter-* headers on the REFER).</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();
}
