using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Creates the ONNX Runtime sessions of the runtime's models the same way: one operator thread pool of
/// <see cref="InferenceOptions.IntraOpThreads"/>, no inter-op parallelism (the graphs are sequential), every
/// graph optimisation, and the CUDA execution provider when asked for and present. The CPU package
/// (Microsoft.ML.OnnxRuntime) has no CUDA provider; the GPU bundle swaps in Microsoft.ML.OnnxRuntime.Gpu,
/// so asking for CUDA on a CPU build falls back to the CPU with the reason recorded, not an error.
/// </summary>
internal static class OnnxSessionFactory
{
    private const string CudaProvider = "CUDAExecutionProvider";

    public static OnnxSession Create(string modelPath, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? cpuReason = null;
        if (options.UseCuda)
        {
            if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider, StringComparer.Ordinal))
            {
                cpuReason = $"{CudaProvider} is not in this ONNX Runtime build (the CPU package); running on the CPU";
            }
            else
            {
                SessionOptions gpuOptions = NewOptions(options);
                try
                {
                    gpuOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                    return new OnnxSession(new InferenceSession(modelPath, gpuOptions), OnGpu: true, CpuReason: null);
                }
                catch (OnnxRuntimeException ex)
                {
                    // The provider is compiled in but CUDA, cuDNN or the device is missing at run time.
                    cpuReason = $"{CudaProvider} on device {options.CudaDeviceId} failed ({ex.Message}); running on the CPU";
                }
                finally
                {
                    gpuOptions.Dispose();
                }
            }
        }

        using SessionOptions cpuOptions = NewOptions(options);
        return new OnnxSession(new InferenceSession(modelPath, cpuOptions), OnGpu: false, cpuReason);
    }

    private static SessionOptions NewOptions(InferenceOptions options) => new()
    {
        IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };
}
