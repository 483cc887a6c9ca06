using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using Google.Protobuf;

namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>
/// Small hand-built ONNX models in the shape onnxruntime's quantize_dynamic produces, to test the rewrite on cases
/// the Moonshine models do not cover (per-column scales, a pattern that must be left alone).
/// </summary>
internal static class SyntheticModels
{
    public const int Rows = 2;
    public const int Inner = 4;
    public const int Columns = 3;

    public static readonly byte[] Weight = [200, 3, 128, 77, 129, 250, 0, 64, 190, 10, 128, 255];
    public static readonly byte[] WeightZeroPoints = [128, 120, 131];
    public static readonly float[] WeightScales = [0.02f, 0.015f, 0.03f];

    /// <summary>
    /// y = x · ((W − zp) × scale) the dynamic-quantisation way: DynamicQuantizeLinear(x) → MatMulInteger → Cast →
    /// Mul by (x_scale × w_scale), with per-column zero points and scales. With <paramref name="exposeProduct"/> the
    /// int32 product is also a graph output, which makes the pattern unsafe to rewrite.
    /// </summary>
    public static ModelProto DynamicMatMul(bool exposeProduct = false)
    {
        var graph = new GraphProto { Name = "dynamic-matmul" };
        graph.Input.Add(Value("x", TensorDataType.Float, Rows, Inner));
        graph.Output.Add(Value("y", TensorDataType.Float, Rows, Columns));
        if (exposeProduct)
        {
            graph.Output.Add(Value("product", TensorDataType.Int32, Rows, Columns));
        }

        graph.Initializer.Add(new TensorProto
        {
            Name = "w_quantized", DataType = TensorDataType.UInt8, Dims = { Inner, Columns }, RawData = ByteString.CopyFrom(Weight),
        });
        graph.Initializer.Add(new TensorProto
        {
            Name = "w_zero_point", DataType = TensorDataType.UInt8, Dims = { Columns }, RawData = ByteString.CopyFrom(WeightZeroPoints),
        });
        graph.Initializer.Add(TensorValues.CreateFloat("w_scale", [Columns], WeightScales));
        graph.Node.Add(Node("DynamicQuantizeLinear", ["x"], ["x_q", "x_scale", "x_zero_point"]));
        graph.Node.Add(Node("MatMulInteger", ["x_q", "w_quantized", "x_zero_point", "w_zero_point"], ["product"], "matmul_quant"));
        var cast = Node("Cast", ["product"], ["product_float"]);
        cast.Attribute.Add(new AttributeProto { Name = "to", I = TensorDataType.Float, Type = 2 });
        graph.Node.Add(cast);
        graph.Node.Add(Node("Mul", ["x_scale", "w_scale"], ["scales"]));
        graph.Node.Add(Node("Mul", ["product_float", "scales"], ["y"]));

        var model = new ModelProto { IrVersion = 8, ProducerName = "test", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 14 });
        return model;
    }

    /// <summary>x · ((W − zp) × scale) in double precision: what the float MatMul should compute.</summary>
    public static double[] Reference(float[] x)
    {
        var y = new double[Rows * Columns];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                for (int k = 0; k < Inner; k++)
                {
                    y[(r * Columns) + c] += x[(r * Inner) + k] * (Weight[(k * Columns) + c] - WeightZeroPoints[c]) * (double)WeightScales[c];
                }
            }
        }

        return y;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, string? name = null)
    {
        var node = new NodeProto { OpType = op, Name = name ?? $"{op}_{outputs[0]}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    /// <summary>A ValueInfoProto with its TypeProto (carried as bytes by the subset) encoded by hand (onnx.proto numbers).</summary>
    private static ValueInfoProto Value(string name, int elementType, params long[] dims)
    {
        // TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto { dim = 1: Dimension { dim_value = 1 } } } }
        var shape = new MemoryStream();
        var shapeWriter = new CodedOutputStream(shape);
        foreach (long dim in dims)
        {
            shapeWriter.WriteTag(1, WireFormat.WireType.LengthDelimited);
            shapeWriter.WriteLength(1 + CodedOutputStream.ComputeInt64Size(dim));
            shapeWriter.WriteTag(1, WireFormat.WireType.Varint);
            shapeWriter.WriteInt64(dim);
        }

        shapeWriter.Flush();
        var tensor = new MemoryStream();
        var tensorWriter = new CodedOutputStream(tensor);
        tensorWriter.WriteTag(1, WireFormat.WireType.Varint);
        tensorWriter.WriteInt32(elementType);
        tensorWriter.WriteTag(2, WireFormat.WireType.LengthDelimited);
        tensorWriter.WriteBytes(ByteString.CopyFrom(shape.ToArray()));
        tensorWriter.Flush();
        var type = new MemoryStream();
        var typeWriter = new CodedOutputStream(type);
        typeWriter.WriteTag(1, WireFormat.WireType.LengthDelimited);
        typeWriter.WriteBytes(ByteString.CopyFrom(tensor.ToArray()));
        typeWriter.Flush();
        return new ValueInfoProto { Name = name, Type = ByteString.CopyFrom(type.ToArray()) };
    }
}
