using ContactCenter.Orchestrator.Dialplans;

namespace ContactCenter.Orchestrator.Intents;

/// <summary>The intent a transcript selected and the (normalised) phrase that selected it.</summary>
public sealed record IntentMatch(DialplanIntent Intent, string Phrase);
