using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using ContactCenter.ModelRuntime.Tools.Quantization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Tools.Tests;

public sealed class DequantizerTests
{
    private static readonly float[] Input = [0.5f, -1.25f, 2f, 0.03f, -0.7f, 1.1f, -2.4f, 0.9f];

    [Fact]
    public void A_dynamic_MatMulInteger_with_per_column_scales_becomes_a_float_MatMul_that_computes_the_float_product()
    {
        ModelProto model = SyntheticModels.DynamicMatMul();
        float[] quantizedResult = Run(model);

        DequantizationReport report = Dequantizer.Run(model);

        Assert.True(report.IsComplete);
        Assert.Equal(1, report.MatMulIntegers);
        NodeProto matMul = Assert.Single(model.Graph.Node);
        Assert.Equal("MatMul", matMul.OpType);
        Assert.Equal("matmul", matMul.Name);
        Assert.Equal(new[] { "x", "w" }, matMul.Input);
        Assert.Equal(new[] { "y" }, matMul.Output);
        TensorProto weight = Assert.Single(model.Graph.Initializer);
        Assert.Equal(TensorDataType.Float, weight.DataType);
        Assert.Equal(new long[] { SyntheticModels.Inner, SyntheticModels.Columns }, weight.Dims);

        float[] floatResult = Run(model);
        double[] reference = SyntheticModels.Reference(Input);
        for (int i = 0; i < reference.Length; i++)
        {
            // The float model is the exact product up to float32 rounding ...
            Assert.Equal(reference[i], floatResult[i], 1e-5);
            // ... while the int8 one carried the activation's 8-bit rounding (but computed the same function).
            Assert.Equal(reference[i], quantizedResult[i], 0.1);
        }
    }

    [Fact]
    public void The_float_weight_is_zero_point_subtracted_then_scaled_per_column()
    {
        ModelProto model = SyntheticModels.DynamicMatMul();
        TensorProto q = model.Graph.Initializer.Single(t => t.Name == "w_quantized");
        TensorProto zp = model.Graph.Initializer.Single(t => t.Name == "w_zero_point");
        TensorProto scale = model.Graph.Initializer.Single(t => t.Name == "w_scale");

        float[] values = Dequantizer.Dequantize(q, zp, scale, axis: 1);

        // [4, 3] row-major. Row 1, column 2: q = 250, zp = 131, scale 0.03.
        Assert.Equal((250 - 131) * 0.03f, values[(1 * 3) + 2]);
        // Row 3, column 0: q = 10, zp = 128, scale 0.02.
        Assert.Equal((10 - 128) * 0.02f, values[(3 * 3) + 0]);
        Assert.Equal(12, values.Length);
    }

    [Fact]
    public void A_pattern_whose_integer_product_is_read_elsewhere_is_left_alone_and_nothing_is_written()
    {
        ModelProto model = SyntheticModels.DynamicMatMul(exposeProduct: true);
        string directory = Path.Combine(Path.GetTempPath(), $"cc-dequant-unit-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string input = Path.Combine(directory, "in.onnx");
            string output = Path.Combine(directory, "out.onnx");
            OnnxModelFile.Save(model, input);

            DequantizationReport report = Dequantizer.Run(model.Clone());
            Assert.False(report.IsComplete);
            Assert.Equal(0, report.MatMulIntegers);
            Assert.Equal(1, report.RemainingQuantizedOps["MatMulInteger"]);

            Assert.Throws<InvalidDataException>(() => ModelConversion.DequantizeFile(input, output, TextWriter.Null));
            Assert.False(File.Exists(output));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static float[] Run(ModelProto model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model.ToByteArray(), options);
        using OrtValue x = OrtValue.CreateTensorValueFromMemory(Input, [SyntheticModels.Rows, SyntheticModels.Inner]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, ["x"], [x], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
