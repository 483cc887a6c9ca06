namespace ContactCenter.Contracts.Calls;

/// <summary>Every call message names its call and when it happened, so consumers can order and deduplicate.</summary>
public interface ICallMessage
{
    /// <summary>The gateway's call identifier (stable across the call, not the SIP Call-ID).</summary>
    Guid CallId { get; }

    /// <summary>When the gateway observed the event or issued the command.</summary>
    DateTimeOffset OccurredAt { get; }
}
