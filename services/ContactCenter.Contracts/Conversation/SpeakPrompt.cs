using ContactCenter.Contracts.Calls;

namespace ContactCenter.Contracts.Conversation;

/// <summary>
/// Command to the model runtime: say <see cref="Text"/> to the caller, then do <see cref="Then"/>.
/// <see cref="ICallMessage.OccurredAt"/> is when the flow decided, so the runtime can time the decision.
/// </summary>
public sealed record SpeakPrompt : ICallMessage
{
    public required Guid CallId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The dialplan's name for the prompt (e.g. "greeting", "intent:pay-bill"), carried into events.</summary>
    public required string PromptId { get; init; }
    public required string Text { get; init; }
    /// <summary>False for prompts the caller must hear to the end (legal disclosures): caller speech does not stop them.</summary>
    public bool Bargeable { get; init; } = true;
    /// <summary>What the caller is expected to answer, so the runtime can tell a complete answer from a pause.</summary>
    public Expectation Expect { get; init; } = Expectation.Open;
    public PromptFollowUp Then { get; init; } = PromptFollowUp.Listen;
    /// <summary>For <see cref="PromptFollowUp.TransferToAgent"/>: a SIP URI, or null for the gateway's agent queue.</summary>
    public string? TransferTarget { get; init; }
    /// <summary>For <see cref="PromptFollowUp.TransferToAgent"/>: what the agent should see (intent, transcript).</summary>
    public IReadOnlyDictionary<string, string> TransferContext { get; init; } = new Dictionary<string, string>();
    /// <summary>The caller's turn this answers, if any; the runtime measures that turn's response latency.</summary>
    public Guid? InResponseTo { get; init; }
    /// <summary>Whether the bot may say "mhm" during a long caller turn after this prompt (off unless the dialplan asks).</summary>
    public bool Backchannels { get; init; }
}
