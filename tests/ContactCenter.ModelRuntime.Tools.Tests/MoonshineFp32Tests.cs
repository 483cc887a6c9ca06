using ContactCenter.ModelRuntime.Tools.Commands;
using ContactCenter.ModelRuntime.Tools.Moonshine;
using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using ContactCenter.ModelRuntime.Tools.Quantization;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.Tools.Tests;

[Collection(MoonshineFp32Collection.Name)]
public sealed class MoonshineFp32Tests(MoonshineFp32Fixture fixture, ITestOutputHelper output)
{
    // Op types with a float32 kernel in ORT's CUDA execution provider at opset 14, from onnxruntime
    // docs/OperatorKernels.md ("Operators implemented by CUDAExecutionProvider"). Constant has no kernel: ORT turns
    // it into an initializer. Shape runs its (tiny) output on the CPU by design, without a Memcpy of its input.
    private static readonly HashSet<string> CudaFloatOps = new(StringComparer.Ordinal)
    {
        "Add", "Cast", "Concat", "Constant", "ConstantOfShape", "Conv", "Cos", "Div", "Equal", "Erf", "Expand",
        "Gather", "Greater", "If", "InstanceNormalization", "MatMul", "Mul", "Neg", "Pow", "Range", "ReduceMean",
        "Reshape", "Shape", "Sigmoid", "Sin", "Slice", "Softmax", "Sqrt", "Sub", "Tanh", "Transpose", "Trilu",
        "Unsqueeze", "Where",
    };

    // Measured on this input (see the test output): the largest difference is 3.8% of the largest activation (max
    // |diff| 0.20, rms 0.019); 5.2% on 2 s of the same noise. The int8 model quantises every activation to 8 bits on
    // the fly and the fp32 one does not, so they differ by that rounding, not by a defect. Bound: about twice that.
    private const double EncoderRelativeBound = 0.10;

    [Fact]
    public void The_command_writes_both_models_and_ONNX_Runtime_loads_them()
    {
        output.WriteLine(fixture.Log);
        Assert.Equal(0, fixture.ExitCode);
        foreach (string file in new[] { MoonshineModels.Encoder, MoonshineModels.Decoder })
        {
            // The scratch folder's int8 files are links; the size is the installed file's.
            long int8 = new FileInfo(MoonshineModels.Int8(TestModels.Directory, file)).Length;
            long fp32 = new FileInfo(fixture.Fp32Path(file)).Length;
            output.WriteLine($"{file}: int8 {int8:N0} bytes, fp32 {fp32:N0} bytes");
            // Four bytes per weight instead of one: the file grows about fourfold.
            Assert.InRange(fp32, 3 * int8, 5 * int8);
        }

        Assert.Equal(2, fixture.Log.Split("ONNX Runtime loads it").Length - 1);
    }

    [Theory]
    [InlineData(MoonshineModels.Encoder)]
    [InlineData(MoonshineModels.Decoder)]
    public void The_fp32_model_has_no_quantised_op_and_no_8_bit_weight(string file)
    {
        ModelProto int8 = OnnxModelFile.Load(fixture.Int8Path(file));
        ModelProto fp32 = OnnxModelFile.Load(fixture.Fp32Path(file));

        // The check can fail: the original is full of them.
        Assert.Contains("MatMulInteger", QuantizedOps.Find(int8).Keys);
        Assert.Contains("DynamicQuantizeLinear", QuantizedOps.Find(int8).Keys);
        Assert.NotEmpty(QuantizedOps.EightBitInitializers(int8));

        Assert.Empty(QuantizedOps.Find(fp32));
        Assert.Empty(QuantizedOps.EightBitInitializers(fp32));
        Assert.DoesNotContain(OpHistogram.Of(fp32), pair => pair.Key.Contains("Integer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MoonshineModels.Encoder)]
    [InlineData(MoonshineModels.Decoder)]
    public void Every_op_of_the_fp32_model_has_a_float_CUDA_kernel(string file)
    {
        IReadOnlyList<KeyValuePair<string, int>> histogram = OpHistogram.Of(OnnxModelFile.Load(fixture.Fp32Path(file)));
        output.WriteLine(string.Join(' ', histogram.Select(pair => $"{pair.Key}={pair.Value}")));
        Assert.All(histogram, pair => Assert.Contains(pair.Key, CudaFloatOps));

        // And the int8 original does not pass the same check.
        Assert.Contains(OpHistogram.Of(OnnxModelFile.Load(fixture.Int8Path(file))), pair => !CudaFloatOps.Contains(pair.Key));
    }

    [Theory]
    [InlineData(MoonshineModels.Encoder)]
    [InlineData(MoonshineModels.Decoder)]
    public void The_fp32_model_keeps_the_int8_models_inputs_and_outputs(string file)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var int8 = new InferenceSession(fixture.Int8Path(file), options);
        using var fp32 = new InferenceSession(fixture.Fp32Path(file), options);

        Assert.Equal(Describe(int8.InputMetadata), Describe(fp32.InputMetadata));
        Assert.Equal(Describe(int8.OutputMetadata), Describe(fp32.OutputMetadata));
    }

    [Fact]
    public void The_encoder_output_on_one_second_of_seeded_noise_is_close_to_the_int8_one()
    {
        float[] audio = SpeechSamples.Noise(16_000, seed: 1234);

        (float[] int8, long[] int8Shape) = fixture.Int8.Encode(audio);
        (float[] fp32, long[] fp32Shape) = fixture.Fp32.Encode(audio);

        Assert.Equal(int8Shape, fp32Shape);
        (double maxAbs, double relative, double rms) = Difference(int8, fp32);
        output.WriteLine($"last_hidden_state [{string.Join(',', fp32Shape)}]: max |diff| {maxAbs:G4}, " +
                         $"relative to max |int8| {relative:G4}, rms diff {rms:G4}");
        Assert.True(relative <= EncoderRelativeBound, $"relative difference {relative:G4} > {EncoderRelativeBound}");
        // Not identical either: the MatMuls really run on float activations now.
        Assert.True(maxAbs > 0);
    }

    [Fact]
    public void One_decoder_step_picks_the_same_tokens_as_the_int8_decoder()
    {
        // Real speech, so the tokens are words the model is sure of, not noise it guesses at. Both decoders get the
        // int8 encoder's states and the int8 greedy transcript as the prefix: one uncached call scores every position.
        (float[] Values, long[] Shape) hidden = fixture.Int8.Encode(SpeechSamples.Recorded("all-circuits-busy-now.wav"));
        long[] transcript = fixture.Int8.Greedy(hidden, steps: 40, stopAtEnd: true);
        long[] prefix = [MoonshineProbe.StartToken, .. transcript[..^1]];

        (float[] int8Logits, long[] shape) = fixture.Int8.Logits(prefix, hidden);
        (float[] fp32Logits, _) = fixture.Fp32.Logits(prefix, hidden);

        int vocabulary = (int)shape[^1];
        int[] int8Tokens = MoonshineProbe.ArgMaxRows(int8Logits, vocabulary);
        int[] fp32Tokens = MoonshineProbe.ArgMaxRows(fp32Logits, vocabulary);
        (double maxAbs, double relative, _) = Difference(int8Logits, fp32Logits);
        output.WriteLine($"transcript tokens [{string.Join(' ', transcript)}]; logits max |diff| {maxAbs:G4} ({relative:G4} of max)");

        Assert.True(transcript.Length >= 5, "the recording should decode to a sentence");
        Assert.Equal(MoonshineProbe.EndToken, transcript[^1]);
        // The uncached call agrees with the cached greedy run (the probe is sound) ...
        Assert.Equal(transcript.Select(token => (int)token), int8Tokens);
        // ... and the fp32 decoder picks the same token at every position.
        Assert.Equal(int8Tokens, fp32Tokens);
    }

    [Theory]
    [InlineData("all-circuits-busy-now.wav")]
    [InlineData("auth-incorrect.wav")]
    public void Recorded_speech_transcribes_to_the_same_tokens_end_to_end(string file)
    {
        float[] audio = SpeechSamples.Recorded(file);

        long[] int8 = fixture.Int8.Greedy(fixture.Int8.Encode(audio), steps: 60, stopAtEnd: true);
        long[] fp32 = fixture.Fp32.Greedy(fixture.Fp32.Encode(audio), steps: 60, stopAtEnd: true);

        output.WriteLine($"int8 [{string.Join(' ', int8)}]");
        output.WriteLine($"fp32 [{string.Join(' ', fp32)}]");
        Assert.True(int8.Length >= 5 && int8[^1] == MoonshineProbe.EndToken, "the recording should decode to a sentence");
        Assert.Equal(int8, fp32);
    }

    [Fact]
    public void The_conversion_is_deterministic()
    {
        ModelProto model = OnnxModelFile.Load(fixture.Int8Path(MoonshineModels.Encoder));
        Assert.True(Dequantizer.Run(model).IsComplete);

        Assert.Equal(File.ReadAllBytes(fixture.Fp32Path(MoonshineModels.Encoder)), OnnxModelFile.Serialize(model));
    }

    [Fact]
    public void A_model_that_is_not_the_pinned_one_is_refused_and_nothing_is_written()
    {
        string root = Path.Combine(Path.GetTempPath(), $"cc-dequant-bad-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, MoonshineModels.Int8Folder));
            byte[] encoder = File.ReadAllBytes(fixture.Int8Path(MoonshineModels.Encoder));
            encoder[^1] ^= 1;
            File.WriteAllBytes(MoonshineModels.Int8(root, MoonshineModels.Encoder), encoder);
            File.CreateSymbolicLink(MoonshineModels.Int8(root, MoonshineModels.Decoder), fixture.Int8Path(MoonshineModels.Decoder));
            using var log = new StringWriter();

            int exitCode = MoonshineGpuCommand.Run(root, log);

            Assert.Equal(1, exitCode);
            Assert.Contains("not the pinned", log.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(root, MoonshineModels.Fp32Folder)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<string> Describe(IReadOnlyDictionary<string, NodeMetadata> values) =>
        [.. values.Select(pair => $"{pair.Key} {pair.Value.ElementDataType} [{string.Join(',', pair.Value.Dimensions)}]")];

    private static (double MaxAbs, double Relative, double Rms) Difference(float[] reference, float[] candidate)
    {
        Assert.Equal(reference.Length, candidate.Length);
        double maxAbs = 0, maxReference = 0, sumSquares = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double difference = Math.Abs(reference[i] - candidate[i]);
            maxAbs = Math.Max(maxAbs, difference);
            maxReference = Math.Max(maxReference, Math.Abs(reference[i]));
            sumSquares += difference * difference;
        }

        return (maxAbs, maxAbs / maxReference, Math.Sqrt(sumSquares / reference.Length));
    }
}
