using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>What ASR heard for <paramref name="RequestId"/>, or the error that it failed with.</summary>
internal sealed record AsrResult(CallSession Session, long RequestId, Recognition Heard, Exception? Error);
