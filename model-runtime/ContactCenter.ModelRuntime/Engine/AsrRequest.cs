using ContactCenter.ModelRuntime.Floor;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>A copy of one call's 8 kHz audio to transcribe for the floor's request <paramref name="RequestId"/>.</summary>
internal sealed record AsrRequest(CallSession Session, long RequestId, short[] Audio, AsrPurpose Purpose);
