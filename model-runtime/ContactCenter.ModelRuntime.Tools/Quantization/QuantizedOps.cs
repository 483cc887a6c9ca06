using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;

namespace ContactCenter.ModelRuntime.Tools.Quantization;

/// <summary>
/// The operators that carry quantised arithmetic. Under ORT's CUDA execution provider these either have no kernel
/// (DynamicQuantizeLinear, the uint8 forms of MatMulInteger; docs/OperatorKernels.md lists CUDA MatMulInteger for
/// int8 x int8 only) or make ORT insert Memcpy nodes around CPU islands, which is what a de-quantised model avoids.
/// </summary>
internal static class QuantizedOps
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "MatMulInteger",
        "ConvInteger",
        "DynamicQuantizeLinear",
        "QuantizeLinear",
        "DequantizeLinear",
        "QLinearMatMul",
        "QLinearConv",
        // com.microsoft contrib ops of the same family (onnxruntime docs/ContribOperators.md).
        "MatMulIntegerToFloat",
        "DynamicQuantizeMatMul",
        "DynamicQuantizeLSTM",
        "QGemm",
        "QAttention",
        "MatMulNBits",
    };

    public static bool IsQuantized(NodeProto node) =>
        Names.Contains(node.OpType) || node.OpType.StartsWith("QLinear", StringComparison.Ordinal);

    /// <summary>How many quantised nodes of each type the model has, in its graph and every subgraph.</summary>
    public static IReadOnlyDictionary<string, int> Find(ModelProto model)
    {
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (GraphScope scope in new GraphScope(model.Graph).SelfAndDescendants())
        {
            foreach (NodeProto node in scope.Graph.Node.Where(IsQuantized))
            {
                found[node.OpType] = found.GetValueOrDefault(node.OpType) + 1;
            }
        }

        return found;
    }

    /// <summary>The 8-bit initializers left anywhere in the model (quantised weights that were not converted).</summary>
    public static IReadOnlyList<string> EightBitInitializers(ModelProto model) =>
    [
        .. new GraphScope(model.Graph).SelfAndDescendants()
            .SelectMany(scope => scope.Graph.Initializer)
            .Where(tensor => TensorDataType.IsEightBit(tensor.DataType))
            .Select(tensor => tensor.Name),
    ];
}
