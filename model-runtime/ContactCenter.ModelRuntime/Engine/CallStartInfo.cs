namespace ContactCenter.ModelRuntime.Engine;

/// <summary>Who called whom, as the gateway tells the engine when a call's stream opens.</summary>
public sealed record CallStartInfo(Guid CallId, string From, string CalledNumber);
