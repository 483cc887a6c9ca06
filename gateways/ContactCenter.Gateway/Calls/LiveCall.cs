namespace ContactCenter.Gateway.Calls;

/// <summary>A snapshot of one live call, for status pages and supervisors.</summary>
public sealed record LiveCall(Guid CallId, string From, string CalledNumber, CallState State, string Codec, bool OnHold);
