using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Intents;

namespace ContactCenter.Orchestrator.Flow;

/// <summary>The flow's answer to a caller turn: the prompt to publish and the intent it chose (null: the fallback).</summary>
public sealed record FlowDecision(SpeakPrompt Prompt, IntentMatch? Match);
