using ContactCenter.Contracts.Conversation;

namespace ContactCenter.Orchestrator.Dialplans;

/// <summary>One thing a caller may ask for: the phrases that select it and the bot's answer.</summary>
public sealed record DialplanIntent
{
    /// <summary>Unique within the dialplan; the answer's prompt id is "intent:" + name.</summary>
    public required string Name { get; init; }

    /// <summary>Keywords or phrases, as written in the file; any one of them selects the intent.</summary>
    public required IReadOnlyList<string> Phrases { get; init; }

    /// <summary>What the bot says when the intent matched.</summary>
    public required string Say { get; init; }

    /// <summary>What happens after the answer was played to its end.</summary>
    public PromptFollowUp Then { get; init; } = PromptFollowUp.Listen;

    /// <summary>False when the caller must hear the answer to the end (caller speech does not stop it).</summary>
    public bool Bargeable { get; init; } = true;

    /// <summary>For a transfer: the SIP URI of the agent or queue; null for the gateway's agent queue.</summary>
    public string? Target { get; init; }
}
