namespace ContactCenter.Contracts.Conversation;

/// <summary>What the runtime does once a prompt has been played to its end.</summary>
public enum PromptFollowUp
{
    /// <summary>Wait for the caller to speak.</summary>
    Listen,
    /// <summary>Transfer the caller (blind REFER through the gateway).</summary>
    TransferToAgent,
    /// <summary>Hang up (Q.850 cause 16, normal clearing).</summary>
    HangUp,
}
