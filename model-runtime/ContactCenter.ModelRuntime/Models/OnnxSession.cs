using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Models;

/// <summary>A created session, where it runs, and why not on the GPU when CUDA was asked for and not used.</summary>
internal sealed record OnnxSession(InferenceSession Session, bool OnGpu, string? CpuReason);
