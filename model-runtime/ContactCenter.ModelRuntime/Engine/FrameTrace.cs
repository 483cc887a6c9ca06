using ContactCenter.ModelRuntime.Echo;
using ContactCenter.ModelRuntime.Floor;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>How the engine judged one caller frame (tests and diagnostics): echo verdict, VAD, what the floor was told.</summary>
internal readonly record struct FrameTrace(Guid CallId, long Tick, EchoVerdict Echo, float Probability, bool Speech, FloorState FloorAfter);
