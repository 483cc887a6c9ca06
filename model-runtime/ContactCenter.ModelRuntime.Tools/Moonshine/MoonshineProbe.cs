using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Tools.Moonshine;

/// <summary>
/// Drives a Moonshine encoder/decoder pair directly through ONNX Runtime, to compare model variants (int8 vs fp32):
/// encoder hidden states, one teacher-forced decoder step, and greedy decoding with the KV cache. The merged decoder
/// (Hugging Face Optimum) takes every past_key_values.* input on every call; use_cache_branch=false ignores them
/// (empty ones will do) and computes the cross-attention keys from the encoder states, true reuses them (and returns
/// only placeholders for present.*.encoder.*, so those are kept from the first call). Not the runtime's ASR (no
/// batching, no IO binding): a measuring instrument.
/// </summary>
internal sealed class MoonshineProbe : IDisposable
{
    /// <summary>Moonshine's decoder_start_token_id and eos_token_id (the llama tokenizer's BOS and EOS).</summary>
    public const long StartToken = 1;
    public const long EndToken = 2;

    private const string PastPrefix = "past_key_values.";
    private const string PresentPrefix = "present.";

    private readonly RunOptions _runOptions = new();
    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;
    private readonly string[] _pastNames;
    private readonly long[][] _emptyPastShapes;
    private readonly int[] _presentIndex;

    public MoonshineProbe(string encoderPath, string decoderPath, int threads = 1)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        _encoder = new InferenceSession(encoderPath, options);
        _decoder = new InferenceSession(decoderPath, options);
        _pastNames = [.. _decoder.InputNames.Where(name => name.StartsWith(PastPrefix, StringComparison.Ordinal))];
        // [batch, heads, past_sequence, head_dim]: batch 1, the symbolic sequence length 0.
        _emptyPastShapes =
        [
            .. _pastNames.Select(name => _decoder.InputMetadata[name].Dimensions
                .Select((dim, axis) => dim >= 0 ? (long)dim : axis == 0 ? 1L : 0L).ToArray()),
        ];
        var outputs = _decoder.OutputNames.ToList();
        _presentIndex = [.. _pastNames.Select(name => outputs.IndexOf(PresentPrefix + name[PastPrefix.Length..]))];
        if (_presentIndex.Contains(-1))
        {
            throw new InvalidDataException($"{decoderPath}: not a merged decoder with a present.* output for every past_key_values.* input.");
        }
    }

    /// <summary>last_hidden_state [1, frames, dim] for 16 kHz mono samples in [-1, 1].</summary>
    public (float[] Values, long[] Shape) Encode(float[] audio)
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(audio, [1, audio.Length]);
        using IDisposableReadOnlyCollection<OrtValue> outputs =
            _encoder.Run(_runOptions, [_encoder.InputNames[0]], [input], [_encoder.OutputNames[0]]);
        return Copy(outputs[0]);
    }

    /// <summary>Logits [1, tokens, vocabulary] of one decoder call without cache over the whole token prefix.</summary>
    public (float[] Values, long[] Shape) Logits(long[] tokens, (float[] Values, long[] Shape) hidden)
    {
        using OrtValueList inputs = DecoderInputs(tokens, hidden, useCache: false, past: null, first: null);
        using IDisposableReadOnlyCollection<OrtValue> outputs =
            _decoder.Run(_runOptions, DecoderInputNames, inputs.Values, [_decoder.OutputNames[0]]);
        return Copy(outputs[0]);
    }

    /// <summary>Greedy decoding with the KV cache: <paramref name="steps"/> tokens, or fewer when EOS comes and <paramref name="stopAtEnd"/>.</summary>
    public long[] Greedy((float[] Values, long[] Shape) hidden, int steps, bool stopAtEnd)
    {
        var tokens = new List<long>();
        long next = StartToken;
        IDisposableReadOnlyCollection<OrtValue>? first = null;
        IDisposableReadOnlyCollection<OrtValue>? previous = null;
        try
        {
            for (int step = 0; step < steps; step++)
            {
                // The previous call's outputs are this call's past inputs (borrowed, no copy); released after it.
                using OrtValueList inputs = DecoderInputs([next], hidden, useCache: previous is not null, previous, first);
                IDisposableReadOnlyCollection<OrtValue> outputs = _decoder.Run(_runOptions, DecoderInputNames, inputs.Values, _decoder.OutputNames);
                if (first is null)
                {
                    first = outputs;
                }
                else if (previous != first)
                {
                    previous?.Dispose();
                }

                previous = outputs;
                next = ArgMaxLast(outputs[0]);
                tokens.Add(next);
                if (stopAtEnd && next == EndToken)
                {
                    break;
                }
            }
        }
        finally
        {
            if (previous != first)
            {
                previous?.Dispose();
            }

            first?.Dispose();
        }

        return [.. tokens];
    }

    /// <summary>Index of the largest value in each row of a [rows, columns] block.</summary>
    public static int[] ArgMaxRows(ReadOnlySpan<float> values, int columns)
    {
        var result = new int[values.Length / columns];
        for (int row = 0; row < result.Length; row++)
        {
            ReadOnlySpan<float> slice = values.Slice(row * columns, columns);
            int best = 0;
            for (int i = 1; i < slice.Length; i++)
            {
                if (slice[i] > slice[best])
                {
                    best = i;
                }
            }

            result[row] = best;
        }

        return result;
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
        _runOptions.Dispose();
    }

    private IReadOnlyList<string> DecoderInputNames => ["input_ids", "encoder_hidden_states", .. _pastNames, "use_cache_branch"];

    private OrtValueList DecoderInputs(
        long[] tokens,
        (float[] Values, long[] Shape) hidden,
        bool useCache,
        IDisposableReadOnlyCollection<OrtValue>? past,
        IDisposableReadOnlyCollection<OrtValue>? first)
    {
        var inputs = new OrtValueList();
        inputs.Add(OrtValue.CreateTensorValueFromMemory(tokens, [1, tokens.Length]));
        inputs.Add(OrtValue.CreateTensorValueFromMemory(hidden.Values, hidden.Shape));
        for (int i = 0; i < _pastNames.Length; i++)
        {
            if (past is null)
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), _emptyPastShapes[i]));
            }
            else
            {
                // present.N.x.y of the last call is past_key_values.N.x.y of this one.
                // present.N.decoder.* of the last call is past_key_values.N.decoder.* of this one. The cross-attention
                // keys and values (present.N.encoder.*) are only computed by the first, uncached call: the cached
                // branch returns empty placeholders for them, so they always come from the first call.
                inputs.Borrow((_pastNames[i].Contains(".encoder.", StringComparison.Ordinal) ? first! : past)[_presentIndex[i]]);
            }
        }

        inputs.Add(OrtValue.CreateTensorValueFromMemory(new[] { useCache }, [1]));
        return inputs;
    }

    private static long ArgMaxLast(OrtValue logits)
    {
        long[] shape = logits.GetTensorTypeAndShape().Shape;
        int vocabulary = (int)shape[^1];
        ReadOnlySpan<float> values = logits.GetTensorDataAsSpan<float>();
        return ArgMaxRows(values[^vocabulary..], vocabulary)[0];
    }

    private static (float[] Values, long[] Shape) Copy(OrtValue value) =>
        (value.GetTensorDataAsSpan<float>().ToArray(), value.GetTensorTypeAndShape().Shape);
}
