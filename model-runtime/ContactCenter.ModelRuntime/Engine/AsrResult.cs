namespace ContactCenter.ModelRuntime.Engine;

/// <summary>A transcript for <paramref name="RequestId"/>, or the error that ASR failed with.</summary>
internal sealed record AsrResult(CallSession Session, long RequestId, string Text, Exception? Error);
