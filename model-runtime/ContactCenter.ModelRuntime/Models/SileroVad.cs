using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Silero VAD v6 at 8 kHz (DESIGN §2): 256 new samples plus 32 of context per step, state [2,B,128]
/// carried per stream. <see cref="Run"/> is one batched inference over every stream that has a window.
/// The I/O follows silero-vad's own OnnxWrapper (github.com/snakers4/silero-vad, utils_vad.py): inputs
/// "input" [B, 32 + 256], "state" [2, B, 128], "sr" (int64 scalar); outputs "output" [B, 1], "stateN".
/// Buffers are reused across ticks (sized to the largest batch seen), so a tick allocates nothing once warm.
/// One caller at a time (the engine's tick thread); calls are serialised.
/// </summary>
public sealed class SileroVad : IDisposable
{
    public const int SampleRate = 8000;
    public const int WindowSamples = 256;
    public const int ContextSamples = 32;

    private const int InputWidth = ContextSamples + WindowSamples;
    // Tensor views are cached per batch size; past this many sizes they are dropped and rebuilt on demand.
    private const int MaxCachedBatchSizes = 64;

    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _sampleRate = OrtValue.CreateTensorValueFromMemory(new long[] { SampleRate }, []);
    private readonly Dictionary<int, Binding> _bindings = [];
    private readonly Lock _gate = new();

    private float[] _input = [];
    private float[] _stateIn = [];
    private float[] _stateOut = [];
    private float[] _probabilities = [];
    private bool _disposed;

    private SileroVad(OnnxSession session)
    {
        _session = session.Session;
        OnGpu = session.OnGpu;
        CpuReason = session.CpuReason;
    }

    /// <summary>Verified model files (<see cref="ModelFiles.Locate(string?, MoonshineVariant)"/>) and how to run them.</summary>
    public static SileroVad Load(ModelFiles files, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new SileroVad(OnnxSessionFactory.Create(files.SileroVad, options));
    }

    /// <summary>True when the CUDA execution provider is in use.</summary>
    public bool OnGpu { get; }

    /// <summary>Why CUDA was asked for and not used (for the start-up log); null when it was not asked for or is used.</summary>
    public string? CpuReason { get; }

    /// <summary>The largest batch run so far (the buffers are sized to it).</summary>
    public int MaxBatchSize => _probabilities.Length;

    public VadStream CreateStream()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new VadStream();
    }

    /// <summary>One batched step: each stream must have <see cref="VadStream.WindowReady"/>; each consumes one window and gets a new probability.</summary>
    public void Run(IReadOnlyList<VadStream> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        int batch = streams.Count;
        if (batch == 0)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureCapacity(batch);
            int layerStride = batch * VadStream.StateWidth;
            for (int b = 0; b < batch; b++)
            {
                VadStream stream = streams[b];
                if (!stream.WindowReady)
                {
                    throw new InvalidOperationException($"Stream {b} of the batch has no full window ({stream.PendingSamples} samples pending).");
                }

                stream.CopyInput(_input.AsSpan(b * InputWidth, InputWidth));
                // Gather: the stream's [2, 128] into rows (0, b) and (1, b) of [2, B, 128].
                stream.State.AsSpan(0, VadStream.StateWidth).CopyTo(_stateIn.AsSpan(b * VadStream.StateWidth));
                stream.State.AsSpan(VadStream.StateWidth).CopyTo(_stateIn.AsSpan(layerStride + (b * VadStream.StateWidth)));
            }

            Binding binding = BindingFor(batch);
            _session.Run(_runOptions, InputNames, binding.Inputs, OutputNames, binding.Outputs);

            for (int b = 0; b < batch; b++)
            {
                VadStream stream = streams[b];
                _stateOut.AsSpan(b * VadStream.StateWidth, VadStream.StateWidth).CopyTo(stream.State);
                _stateOut.AsSpan(layerStride + (b * VadStream.StateWidth), VadStream.StateWidth)
                    .CopyTo(stream.State.AsSpan(VadStream.StateWidth));
                stream.Consume(_probabilities[b]);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DropBindings();
            _sampleRate.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
        }
    }

    private void EnsureCapacity(int batch)
    {
        if (batch <= _probabilities.Length)
        {
            return;
        }

        // The cached tensor views pin the old arrays; they go with them.
        DropBindings();
        int capacity = Math.Max(batch, _probabilities.Length * 2);
        _input = new float[capacity * InputWidth];
        _stateIn = new float[capacity * VadStream.StateSize];
        _stateOut = new float[capacity * VadStream.StateSize];
        _probabilities = new float[capacity];
    }

    private Binding BindingFor(int batch)
    {
        if (_bindings.TryGetValue(batch, out Binding? binding))
        {
            return binding;
        }

        if (_bindings.Count >= MaxCachedBatchSizes)
        {
            DropBindings();
        }

        OrtMemoryInfo cpu = OrtMemoryInfo.DefaultInstance;
        long[] stateShape = [2, batch, VadStream.StateWidth];
        binding = new Binding(
            [
                OrtValue.CreateTensorValueFromMemory(cpu, _input.AsMemory(0, batch * InputWidth), [batch, InputWidth]),
                OrtValue.CreateTensorValueFromMemory(cpu, _stateIn.AsMemory(0, batch * VadStream.StateSize), stateShape),
                _sampleRate,
            ],
            [
                OrtValue.CreateTensorValueFromMemory(cpu, _probabilities.AsMemory(0, batch), [batch, 1]),
                OrtValue.CreateTensorValueFromMemory(cpu, _stateOut.AsMemory(0, batch * VadStream.StateSize), stateShape),
            ]);
        _bindings.Add(batch, binding);
        return binding;
    }

    private void DropBindings()
    {
        foreach (Binding binding in _bindings.Values)
        {
            // The sample-rate scalar is shared by every binding and disposed with the instance.
            binding.Inputs[0].Dispose();
            binding.Inputs[1].Dispose();
            binding.Outputs[0].Dispose();
            binding.Outputs[1].Dispose();
        }

        _bindings.Clear();
    }

    /// <summary>Tensor views over the reusable buffers for one batch size.</summary>
    private sealed record Binding(OrtValue[] Inputs, OrtValue[] Outputs);
}
