using ContactCenter.Media.Codecs;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Moonshine tiny ASR (DESIGN §2): 16 kHz input, one batched encoder run, then greedy decoding with the
/// merged decoder's KV cache, all clips of a batch stepping together until each emits EOS or hits its limit.
/// The I/O is that of the Hugging Face Optimum export shipped in moonshine-js (a merged decoder whose
/// "use_cache_branch" selects the first step, which computes the cross-attention keys from the encoder
/// output, or a later step, which takes them and the self-attention keys from the past).
/// Thread-safe for one caller at a time (the engine's ASR worker); calls are serialised.
/// </summary>
public sealed class MoonshineAsr : IDisposable
{
    public const int SampleRate = 16000;

    /// <summary>Moonshine's decoding budget (its transcribe recipe): about 6.5 tokens a second of audio, plus a few.</summary>
    public const double TokensPerSecond = 6.5;

    /// <summary>Clips are padded with silence to this length (0.1 s, Moonshine's documented minimum input).</summary>
    public const int MinimumSamples = SampleRate / 10;

    /// <summary>
    /// How much longer than the shortest clip of a batch (as a fraction of it) another clip may be and still share the batch.
    /// Moonshine's encoder has no attention mask, so a clip's padding is heard as trailing silence: measured here, padding
    /// a 1 s prompt to 25 s changed only its punctuation, but it costs the whole batch the longest clip's time, and
    /// every clip steps until the batch's longest transcript ends. Similar lengths keep both costs small.
    /// </summary>
    public const double PaddingFraction = 0.25;

    /// <summary>Absolute padding always allowed (0.25 s), so short clips of slightly different lengths still batch.</summary>
    public const int PaddingSlackSamples = SampleRate / 4;

    internal const int Layers = 6;
    internal const int Heads = 8;
    internal const int HeadSize = 36;
    internal const int HiddenSize = 288;
    internal const int VocabularyWidth = 32768;

    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;
    private readonly RunOptions _runOptions = new();
    private readonly Lock _gate = new();
    private readonly string[] _decoderInputNames;
    private readonly string[] _firstStepOutputNames;
    private readonly string[] _nextStepOutputNames;
    private readonly bool[] _useCacheFalse = [false];
    private readonly bool[] _useCacheTrue = [true];
    private bool _disposed;

    private MoonshineAsr(OnnxSession encoder, OnnxSession decoder, LlamaVocabulary vocabulary)
    {
        _encoder = encoder.Session;
        _decoder = decoder.Session;
        Vocabulary = vocabulary;
        OnGpu = encoder.OnGpu && decoder.OnGpu;
        CpuReason = encoder.CpuReason ?? decoder.CpuReason;

        var inputs = new List<string> { "input_ids", "encoder_hidden_states", "use_cache_branch" };
        var present = new List<string> { "logits" };
        var presentDecoder = new List<string> { "logits" };
        for (int layer = 0; layer < Layers; layer++)
        {
            foreach (string part in (ReadOnlySpan<string>)["decoder.key", "decoder.value", "encoder.key", "encoder.value"])
            {
                inputs.Add($"past_key_values.{layer}.{part}");
                present.Add($"present.{layer}.{part}");
                if (part.StartsWith("decoder", StringComparison.Ordinal))
                {
                    presentDecoder.Add($"present.{layer}.{part}");
                }
            }
        }

        _decoderInputNames = [.. inputs];
        _firstStepOutputNames = [.. present];
        _nextStepOutputNames = [.. presentDecoder];
    }

    public static MoonshineAsr Load(ModelFiles files, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        LlamaVocabulary vocabulary = LlamaVocabulary.Load(files.LlamaTokenizer);
        OnnxSession encoder = OnnxSessionFactory.Create(files.MoonshineEncoder, options);
        try
        {
            return new MoonshineAsr(encoder, OnnxSessionFactory.Create(files.MoonshineDecoder, options), vocabulary);
        }
        catch
        {
            encoder.Session.Dispose();
            throw;
        }
    }

    /// <summary>True when both sessions use the CUDA execution provider.</summary>
    public bool OnGpu { get; }

    /// <summary>Why CUDA was asked for and not used (for the start-up log); null when it was not asked for or is used.</summary>
    public string? CpuReason { get; }

    public LlamaVocabulary Vocabulary { get; }

    /// <summary>The most tokens decoded for a clip of <paramref name="samples16k"/> samples: ceil(seconds × 6.5) + 4.</summary>
    public static int MaxTokens(int samples16k) => (int)Math.Ceiling(samples16k * TokensPerSecond / SampleRate) + 4;

    /// <summary>
    /// Transcribes each clip (16 kHz, samples in [-1, 1]) in one batch; returns plain text per clip.
    /// Clips of similar length (within <see cref="PaddingFraction"/> plus <see cref="PaddingSlackSamples"/>) share
    /// one encoder and decoder batch, zero-padded to the longest; clips further apart run as separate batches.
    /// </summary>
    public IReadOnlyList<string> Transcribe(IReadOnlyList<float[]> clips16k) => Transcribe(clips16k, PaddingFraction);

    /// <summary><see cref="Transcribe(IReadOnlyList{float[]})"/> with the padding tolerance explicit (tests force one padded batch).</summary>
    internal IReadOnlyList<string> Transcribe(IReadOnlyList<float[]> clips16k, double paddingFraction) =>
        [.. Recognize(clips16k, paddingFraction).Select(heard => heard.Text)];

    /// <summary>
    /// Like <see cref="Transcribe(IReadOnlyList{float[]})"/>, with how sure the model was of each transcript
    /// (<see cref="Recognition.Confidence"/>), which the floor uses to tell a misheard "mhm" from a real word.
    /// </summary>
    public IReadOnlyList<Recognition> Recognize(IReadOnlyList<float[]> clips16k, double paddingFraction = PaddingFraction)
    {
        ArgumentNullException.ThrowIfNull(clips16k);
        IReadOnlyList<DecodedClip> decoded = TranscribeTokens(clips16k, paddingFraction);
        var heard = new Recognition[clips16k.Count];
        for (int i = 0; i < heard.Length; i++)
        {
            heard[i] = new Recognition(Vocabulary.Decode(decoded[i].Tokens).Trim(), decoded[i].Confidence);
        }

        return heard;
    }

    /// <summary>The greedy token ids per clip (without BOS and EOS) and their confidence.</summary>
    internal IReadOnlyList<DecodedClip> TranscribeTokens(IReadOnlyList<float[]> clips16k, double paddingFraction = PaddingFraction)
    {
        var tokens = new DecodedClip[clips16k.Count];
        var pending = new List<int>(clips16k.Count);
        for (int i = 0; i < clips16k.Count; i++)
        {
            if (clips16k[i] is not { Length: > 0 })
            {
                tokens[i] = DecodedClip.Nothing;
            }
            else
            {
                pending.Add(i);
            }
        }

        // Shortest first, then greedy groups: a clip joins the group while it is at most the tolerance longer
        // than the group's shortest clip.
        pending.Sort((a, b) => clips16k[a].Length.CompareTo(clips16k[b].Length));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int start = 0; start < pending.Count;)
            {
                double limit = (Math.Max(clips16k[pending[start]].Length, MinimumSamples) * (1 + paddingFraction)) + PaddingSlackSamples;
                int end = start + 1;
                while (end < pending.Count && clips16k[pending[end]].Length <= limit)
                {
                    end++;
                }

                DecodeBatch(clips16k, pending.GetRange(start, end - start), tokens);
                start = end;
            }
        }

        return tokens;
    }

    /// <summary>Upsamples 8 kHz telephone audio to 16 kHz float, as <see cref="Transcribe(IReadOnlyList{float[]})"/> wants it.</summary>
    public static float[] PrepareTelephoneAudio(ReadOnlySpan<short> pcm8k)
    {
        if (pcm8k.IsEmpty)
        {
            return [];
        }

        // The half-band filter delays by 12 input samples: feed 12 more (silence) to flush the tail, then drop
        // the first 24 outputs so the result lines up with the input and is exactly twice as long.
        const int delay = 12;
        var input = new short[pcm8k.Length + delay];
        pcm8k.CopyTo(input);
        var upsampled = new short[input.Length * 2];
        new Resampler().Upsample(input, upsampled);
        var clip = new float[pcm8k.Length * 2];
        for (int i = 0; i < clip.Length; i++)
        {
            clip[i] = upsampled[i + (2 * delay)] / 32768f;
        }

        return clip;
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
            _runOptions.Dispose();
            _encoder.Dispose();
            _decoder.Dispose();
        }
    }

    /// <summary>
    /// Teacher-forced scores: for one clip, the log-probability the decoder gives each candidate transcript (token
    /// ids without BOS, its end of sequence included), per token, so short and long candidates compare.
    /// This is how the floor asks "could that have been 'mhm'?" of a clip greedy decoding heard as a word.
    /// </summary>
    internal double[] Score(float[] clip16k, IReadOnlyList<int[]> candidates)
    {
        ArgumentNullException.ThrowIfNull(clip16k);
        ArgumentNullException.ThrowIfNull(candidates);
        int batch = candidates.Count;
        var scores = new double[batch];
        if (batch == 0)
        {
            return scores;
        }

        int steps = candidates.Max(candidate => candidate.Length) + 1;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var audio = new float[Math.Max(clip16k.Length, MinimumSamples)];
            clip16k.CopyTo(audio, 0);
            using OrtValue audioValue = OrtValue.CreateTensorValueFromMemory(audio, [1, audio.Length]);
            using IDisposableReadOnlyCollection<OrtValue> encoded =
                _encoder.Run(_runOptions, ["input_values"], [audioValue], ["last_hidden_state"]);

            // Every candidate reads the same encoder output: one copy per row of the decoder batch.
            ReadOnlySpan<float> once = encoded[0].GetTensorDataAsSpan<float>();
            long frames = encoded[0].GetTensorTypeAndShape().Shape[1];
            var hidden = new float[batch * once.Length];
            for (int b = 0; b < batch; b++)
            {
                once.CopyTo(hidden.AsSpan(b * once.Length));
            }

            using OrtValue hiddenValue = OrtValue.CreateTensorValueFromMemory(hidden, [batch, frames, HiddenSize]);
            Decode(hiddenValue, batch, (step, logits, ids) =>
            {
                for (int b = 0; b < batch; b++)
                {
                    int[] candidate = candidates[b];
                    if (step > candidate.Length)
                    {
                        ids[b] = LlamaVocabulary.EndOfSequence;
                        continue;
                    }

                    int token = step < candidate.Length ? candidate[step] : LlamaVocabulary.EndOfSequence;
                    ReadOnlySpan<float> row = logits.Slice(b * VocabularyWidth, VocabularyWidth);
                    scores[b] += LogProbability(row, token, row[ArgMax(row)]);
                    ids[b] = token;
                }

                return step + 1 < steps;
            });
        }

        for (int b = 0; b < batch; b++)
        {
            scores[b] /= candidates[b].Length + 1;
        }

        return scores;
    }

    private void DecodeBatch(IReadOnlyList<float[]> clips, List<int> members, DecodedClip[] tokens)
    {
        int batch = members.Count;
        int length = MinimumSamples;
        foreach (int i in members)
        {
            length = Math.Max(length, clips[i].Length);
        }

        // Zero-padded to the longest clip of the batch: Moonshine's encoder takes no attention mask.
        var audio = new float[batch * length];
        var limits = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            float[] clip = clips[members[b]];
            clip.CopyTo(audio.AsSpan(b * length));
            limits[b] = MaxTokens(clip.Length);
        }

        using OrtValue audioValue = OrtValue.CreateTensorValueFromMemory(audio, [batch, length]);
        using IDisposableReadOnlyCollection<OrtValue> encoded =
            _encoder.Run(_runOptions, ["input_values"], [audioValue], ["last_hidden_state"]);

        var output = new List<int>[batch];
        var logProbability = new double[batch];
        var done = new bool[batch];
        int remaining = batch;
        int maxSteps = limits.Max();
        for (int b = 0; b < batch; b++)
        {
            output[b] = new List<int>(limits[b]);
        }

        Decode(encoded[0], batch, (step, logits, ids) =>
        {
            for (int b = 0; b < batch; b++)
            {
                if (done[b])
                {
                    // A finished clip keeps stepping with the batch; what it feeds is ignored.
                    ids[b] = LlamaVocabulary.EndOfSequence;
                    continue;
                }

                ReadOnlySpan<float> row = logits.Slice(b * VocabularyWidth, VocabularyWidth);
                int token = ArgMax(row);
                logProbability[b] += LogProbability(row, token, row[token]);
                ids[b] = token;
                if (token == LlamaVocabulary.EndOfSequence)
                {
                    done[b] = true;
                    remaining--;
                    continue;
                }

                output[b].Add(token);
                if (output[b].Count >= limits[b])
                {
                    done[b] = true;
                    remaining--;
                }
            }

            return remaining > 0 && step + 1 < maxSteps;
        });

        for (int b = 0; b < batch; b++)
        {
            // Every chosen token counts, the end of sequence too: a confident "Yeah." is also sure it has ended.
            int chosen = output[b].Count + (output[b].Count < limits[b] ? 1 : 0);
            tokens[members[b]] = new DecodedClip([.. output[b]], Math.Exp(logProbability[b] / Math.Max(1, chosen)));
        }
    }

    /// <summary>
    /// Steps the merged decoder from BOS over <paramref name="hidden"/> ([batch, frames, 288]): after each step
    /// <paramref name="next"/> reads the logits ([batch, vocabulary]), writes each row's next input token and says
    /// whether to step again.
    /// </summary>
    private void Decode(OrtValue hidden, int batch, DecoderStep next)
    {
        var ids = new long[batch];
        Array.Fill(ids, LlamaVocabulary.BeginOfSequence);
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(ids, [batch, 1]);
        using OrtValue noCache = OrtValue.CreateTensorValueFromMemory(_useCacheFalse, [1]);
        using OrtValue withCache = OrtValue.CreateTensorValueFromMemory(_useCacheTrue, [1]);
        using OrtValue emptyPast = OrtValue.CreateAllocatedTensorValue(
            OrtAllocator.DefaultInstance, TensorElementType.Float, [batch, Heads, 0, HeadSize]);

        var inputs = new OrtValue[_decoderInputNames.Length];
        inputs[0] = idsValue;
        inputs[1] = hidden;
        inputs[2] = noCache;
        for (int i = 3; i < inputs.Length; i++)
        {
            inputs[i] = emptyPast;
        }

        // Step 0 computes every layer's cross-attention keys and values from the encoder output; they stay fixed.
        using IDisposableReadOnlyCollection<OrtValue> first = _decoder.Run(_runOptions, _decoderInputNames, inputs, _firstStepOutputNames);
        for (int layer = 0; layer < Layers; layer++)
        {
            inputs[5 + (layer * 4)] = first[3 + (layer * 4)];
            inputs[6 + (layer * 4)] = first[4 + (layer * 4)];
        }

        IDisposableReadOnlyCollection<OrtValue>? previous = null;
        try
        {
            OrtValue logitsValue = first[0];
            // Where this step's self-attention keys are in its outputs: step 0 lists all four caches per layer,
            // later steps only the decoder's two.
            IReadOnlyList<OrtValue> present = first;
            int stride = 4;
            for (int s = 0; next(s, logitsValue.GetTensorDataAsSpan<float>(), ids); s++)
            {
                inputs[2] = withCache;
                for (int layer = 0; layer < Layers; layer++)
                {
                    inputs[3 + (layer * 4)] = present[1 + (layer * stride)];
                    inputs[4 + (layer * 4)] = present[2 + (layer * stride)];
                }

                // Later steps only ask for the logits and the grown self-attention cache.
                IDisposableReadOnlyCollection<OrtValue> following = _decoder.Run(_runOptions, _decoderInputNames, inputs, _nextStepOutputNames);
                previous?.Dispose();
                previous = following;
                present = following;
                stride = 2;
                logitsValue = following[0];
            }
        }
        finally
        {
            previous?.Dispose();
        }
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        float max = logits[0];
        for (int i = 1; i < logits.Length; i++)
        {
            if (logits[i] > max)
            {
                max = logits[i];
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// log softmax(<paramref name="logits"/>)[<paramref name="token"/>], given the largest logit (subtracted so no exp
    /// overflows), which greedy decoding has just found: one pass over the 32,768 logits per token, not two.
    /// </summary>
    private static double LogProbability(ReadOnlySpan<float> logits, int token, float max)
    {
        double sum = 0;
        foreach (float logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        return logits[token] - max - Math.Log(sum);
    }

    /// <summary>One decoder step's verdict: the next input token per row, and whether to go on.</summary>
    private delegate bool DecoderStep(int step, ReadOnlySpan<float> logits, long[] nextIds);
}
