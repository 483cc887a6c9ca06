using ContactCenter.ModelRuntime.Echo;
using ContactCenter.ModelRuntime.Floor;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.Options;

/// <summary>
/// The model runtime's settings, bound from the "ModelRuntime" section and validated at start-up
/// (<see cref="ModelRuntimeOptionsValidator"/>). Floor timing comes from "ModelRuntime:Floor", echo handling
/// from "ModelRuntime:Echo".
/// </summary>
public sealed class ModelRuntimeOptions
{
    public const string SectionName = "ModelRuntime";

    /// <summary>The installed models; null searches as <c>ModelFiles.Locate</c> does ($CONTACTCENTER_MODELS, then ".models" above the working directory).</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Run VAD and ASR on the CUDA execution provider when the GPU build of ONNX Runtime and a device are present.</summary>
    public bool UseCuda { get; set; }

    public int CudaDeviceId { get; set; }

    /// <summary>
    /// The Moonshine weights: Int8 as installed, or Fp32, the de-quantised variant that runs wholly on the GPU under CUDA
    /// (make it with <c>ModelFiles.Fp32Command</c>).
    /// </summary>
    public MoonshineVariant Moonshine { get; set; } = MoonshineVariant.Int8;

    /// <summary>The bot's flite voice ("slt", "rms", "awb", "kal").</summary>
    public string Voice { get; set; } = "slt";

    /// <summary>
    /// The speech level prompts are played at (RMS over their active frames, dBFS), whatever the voice renders:
    /// about that of recorded telephone prompts. Null plays them as rendered.
    /// </summary>
    public double? PromptLevelDbfs { get; set; } = -20;

    /// <summary>Said when the flow's answer is late, so the caller never hears dead air.</summary>
    public string FillerText { get; set; } = "One moment.";

    /// <summary>
    /// Said during a long caller turn when the prompt enabled bot backchannels. "Uh-huh." rather than "Mhm.": flite
    /// has no hum and reads "Mhm." as a drawn-out 0.8 s of sounds, three times as long as a listener's "uh-huh".
    /// </summary>
    public string BackchannelText { get; set; } = "Uh-huh.";

    /// <summary>
    /// Silero speech probability at which a frame becomes speech. Speech ends only below
    /// <see cref="VadThreshold"/> - <see cref="VadHysteresis"/>, the hysteresis Silero's own VADIterator uses,
    /// so a probability wobbling around the threshold does not chop one word into several onsets.
    /// </summary>
    public double VadThreshold { get; set; } = 0.5;

    /// <summary>How far below <see cref="VadThreshold"/> the probability must fall to end speech.</summary>
    public const double VadHysteresis = 0.15;

    /// <summary>
    /// Frames sent at once when a prompt starts or resumes, so the gateway's playout queue never runs dry on
    /// transport jitter; after them one frame per tick. Also how far the wire lags what the engine sent.
    /// </summary>
    public int OutputLeadFrames { get; set; } = 3;

    /// <summary>
    /// Threads that share each tick's per-call work (echo cancellation, playout) once enough calls are live; 0 uses
    /// every core. Batched inference and floor control stay on the tick thread.
    /// </summary>
    public int EngineThreads { get; set; }

    /// <summary>Most ASR requests transcribed in one batched Moonshine run.</summary>
    public int AsrMaxBatch { get; set; } = 16;

    /// <summary>How long a prompt for a call whose stream is not open yet is held (the greeting can race the stream).</summary>
    public TimeSpan PendingPromptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Floor-control timing ("ModelRuntime:Floor").</summary>
    public FloorOptions Floor { get; set; } = new();

    /// <summary>Echo handling ("ModelRuntime:Echo").</summary>
    public EchoOptions Echo { get; set; } = new();
}
