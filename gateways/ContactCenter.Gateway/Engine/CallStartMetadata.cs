namespace ContactCenter.Gateway.Engine;

/// <summary>What the engine is told when a call opens.</summary>
public sealed record CallStartMetadata(Guid CallId, string From, string CalledNumber, string Codec, int SampleRate);
