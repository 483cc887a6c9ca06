namespace ContactCenter.ModelRuntime.Models;

/// <summary>How ONNX Runtime sessions are created: CUDA when asked for and present, CPU otherwise.</summary>
public sealed record InferenceOptions
{
    /// <summary>Use the CUDA execution provider when the GPU build of ONNX Runtime and a device are present.</summary>
    public bool UseCuda { get; init; }

    public int CudaDeviceId { get; init; }

    /// <summary>Threads per session for one operator; 1 keeps the tick thread predictable on small hosts.</summary>
    public int IntraOpThreads { get; init; } = 1;
}
