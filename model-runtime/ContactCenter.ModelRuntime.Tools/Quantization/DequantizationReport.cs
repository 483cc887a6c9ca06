namespace ContactCenter.ModelRuntime.Tools.Quantization;

/// <summary>What <see cref="Dequantizer"/> rewrote in one model, and what quantised parts (if any) it left.</summary>
internal sealed class DequantizationReport
{
    /// <summary>DynamicQuantizeLinear → MatMulInteger → Cast → Mul(scale) chains turned into one float MatMul.</summary>
    public int MatMulIntegers { get; set; }

    /// <summary>DequantizeLinear of a weight (directly, or after Gather/Transpose/Reshape of it) folded into a float weight.</summary>
    public int DequantizeLinears { get; set; }

    /// <summary>Cast(int8 weight) → Mul/Add/Sub/Div by constants chains (the conv weights) folded into a float weight.</summary>
    public int CastWeightChains { get; set; }

    public int FloatInitializersAdded { get; set; }

    public int NodesRemoved { get; set; }

    public int InitializersRemoved { get; set; }

    public int ValueInfosRemoved { get; set; }

    public int NodesBefore { get; set; }

    public int NodesAfter { get; set; }

    /// <summary>Quantised op types still in the model, by count; empty when the rewrite is complete.</summary>
    public IReadOnlyDictionary<string, int> RemainingQuantizedOps { get; set; } = new Dictionary<string, int>();

    /// <summary>8-bit initializers still in the model; empty when every weight is float.</summary>
    public IReadOnlyList<string> RemainingEightBitInitializers { get; set; } = [];

    public bool IsComplete => RemainingQuantizedOps.Count == 0 && RemainingEightBitInitializers.Count == 0;

    public override string ToString() =>
        $"MatMulInteger→MatMul {MatMulIntegers}, DequantizeLinear folded {DequantizeLinears}, " +
        $"Cast weight chains folded {CastWeightChains}, float initializers added {FloatInitializersAdded}, " +
        $"nodes {NodesBefore}→{NodesAfter} ({NodesRemoved} dead removed), initializers removed {InitializersRemoved}, " +
        $"value_info pruned {ValueInfosRemoved}";
}
