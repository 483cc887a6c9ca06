using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;

namespace ContactCenter.ModelRuntime.Tools.Quantization;

/// <summary>
/// Rewrites a dynamically quantised ONNX model (onnxruntime.quantization's quantize_dynamic output, as shipped for
/// Moonshine by moonshine-js) into its float equivalent, in place. Three patterns are recognised:
/// <list type="number">
/// <item>DynamicQuantizeLinear(x) → MatMulInteger(xq, Wq, xzp, wzp) → Cast(float) → Mul(·, xscale × wscale):
/// becomes MatMul(x, W) with W = (Wq − wzp) × wscale precomputed. This is the one numerical change: the
/// activation is no longer rounded to 8 bits, so the float model is closer to the original fp32 network.</item>
/// <item>DequantizeLinear of a weight, directly or after a pure data-movement op (Gather of embedding rows,
/// Transpose of the tied output projection): the weight is de-quantised once and the movement op reads it.
/// Bit-exact: per-tensor (q − zp) × scale commutes with selecting and rearranging elements.</item>
/// <item>Cast(int8 weight → float) followed by Mul/Add/Sub/Div by scalar constants (the conv weights of the
/// encoder stem): folded into a float weight with the same float32 operations in the same order, so bit-exact.</item>
/// </list>
/// Then nodes nobody reads are removed, unused initializers dropped and stale value_info pruned. Names of inputs,
/// outputs and every surviving value stay as they were, so code that drives the int8 model drives this one.
/// The rewrite keeps topological order: a replacement node takes the place of the node it replaces, and every
/// value it reads is defined before that place (see the notes at each rewrite).
/// </summary>
internal sealed class Dequantizer
{
    private const string QuantizedSuffix = "_quantized";

    // Ops that only select or rearrange elements; per-tensor de-quantisation commutes with them. Their data input is
    // input 0 (onnx Operators.md).
    private static readonly HashSet<string> MovementOps = new(StringComparer.Ordinal)
    {
        "Gather", "Transpose", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity",
    };

    private readonly GraphScope _root;
    private readonly HashSet<string> _valueNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);

    // One float copy per quantised weight and de-quantisation, however many nodes (or If branches) read it.
    private readonly Dictionary<string, string> _floatWeights = new(StringComparer.Ordinal);
    private readonly DequantizationReport _report = new();

    private Dequantizer(ModelProto model)
    {
        _root = new GraphScope(model.Graph);
        foreach (GraphScope scope in _root.SelfAndDescendants())
        {
            GraphProto graph = scope.Graph;
            _valueNames.UnionWith(graph.Input.Select(value => value.Name));
            _valueNames.UnionWith(graph.Output.Select(value => value.Name));
            _valueNames.UnionWith(graph.Initializer.Select(tensor => tensor.Name));
            foreach (NodeProto node in graph.Node)
            {
                _valueNames.UnionWith(node.Input);
                _valueNames.UnionWith(node.Output);
                _nodeNames.Add(node.Name);
            }
        }
    }

    /// <summary>Rewrites <paramref name="model"/> in place and says what changed and what quantised parts remain.</summary>
    public static DequantizationReport Run(ModelProto model)
    {
        var dequantizer = new Dequantizer(model);
        dequantizer._report.NodesBefore = dequantizer.CountNodes();
        dequantizer.RewriteMatMulIntegers();
        dequantizer.FoldDequantizeLinears();
        dequantizer.FoldCastWeightChains();
        dequantizer.RemoveDeadNodes();
        dequantizer.RemoveUnusedInitializers();
        dequantizer.PruneValueInfo();
        dequantizer._report.NodesAfter = dequantizer.CountNodes();
        dequantizer._report.RemainingQuantizedOps = QuantizedOps.Find(model);
        dequantizer._report.RemainingEightBitInitializers = QuantizedOps.EightBitInitializers(model);
        return dequantizer._report;
    }

    private int CountNodes() => _root.SelfAndDescendants().Sum(scope => scope.Graph.Node.Count);

    private void RewriteMatMulIntegers()
    {
        foreach (GraphScope scope in _root.SelfAndDescendants().ToList())
        {
            foreach (NodeProto node in scope.Graph.Node.Where(node => IsOp(node, "MatMulInteger")).ToList())
            {
                if (TryRewriteMatMulInteger(scope, node))
                {
                    _report.MatMulIntegers++;
                }
            }
        }
    }

    private bool TryRewriteMatMulInteger(GraphScope scope, NodeProto matMul)
    {
        if (matMul.Input.Count < 2 || matMul.Output.Count != 1)
        {
            return false;
        }

        string quantizedInput = matMul.Input[0];
        string inputZeroPoint = matMul.Input.Count > 2 ? matMul.Input[2] : "";
        string weightZeroPointName = matMul.Input.Count > 3 ? matMul.Input[3] : "";

        // A: the activation, quantised on the fly. Its zero point must be the one DynamicQuantizeLinear computed.
        NodeProto? quantize = FindProducerInScopes(scope, quantizedInput);
        if (quantize is null || !IsOp(quantize, "DynamicQuantizeLinear") || quantize.Output.Count < 3
            || quantize.Output[0] != quantizedInput || quantize.Output[2] != inputZeroPoint)
        {
            return false;
        }

        // B: a constant 8-bit [K, N] weight with a scalar or per-column zero point.
        TensorProto? weight = scope.FindInitializer(matMul.Input[1]);
        TensorProto? weightZeroPoint = weightZeroPointName.Length == 0 ? null : scope.FindInitializer(weightZeroPointName);
        if (weight is null || !TensorDataType.IsEightBit(weight.DataType) || weight.Dims.Count != 2
            || (weightZeroPointName.Length > 0 && (weightZeroPoint is null || weightZeroPoint.DataType != weight.DataType)))
        {
            return false;
        }

        // The int32 product back to float: Cast, then Mul by (activation scale × weight scale), each read only here.
        NodeProto? cast = SoleConsumer(scope, matMul.Output[0]);
        if (cast is null || !IsOp(cast, "Cast") || IntAttribute(cast, "to") != TensorDataType.Float)
        {
            return false;
        }

        NodeProto? rescale = SoleConsumer(scope, cast.Output[0]);
        if (rescale is null || !IsOp(rescale, "Mul") || rescale.Input.Count != 2)
        {
            return false;
        }

        string combinedScale = rescale.Input[0] == cast.Output[0] ? rescale.Input[1] : rescale.Input[0];
        NodeProto? scaleProduct = FindProducerInScopes(scope, combinedScale);
        if (scaleProduct is null || !IsOp(scaleProduct, "Mul") || scaleProduct.Input.Count != 2)
        {
            return false;
        }

        string activationScale = quantize.Output[1];
        string weightScaleName = scaleProduct.Input[0] == activationScale ? scaleProduct.Input[1]
            : scaleProduct.Input[1] == activationScale ? scaleProduct.Input[0]
            : "";
        TensorProto? weightScale = weightScaleName.Length == 0 ? null : scope.FindInitializer(weightScaleName);
        if (weightScale is null || weightScale.DataType != TensorDataType.Float)
        {
            return false;
        }

        // MatMulInteger's b_zero_point and the scale are per column (axis 1 of [K, N]) when they are 1-D.
        string floatWeight = FloatWeight(
            $"matmul|{weight.Name}|{weightZeroPointName}|{weightScaleName}",
            scope,
            weight,
            () => Dequantize(weight, weightZeroPoint, weightScale, axis: 1));

        // The MatMul takes the MatMulInteger's place: x is defined before DynamicQuantizeLinear, which precedes it,
        // and the value it now produces (the Mul's output) is read only after the Mul, which followed it.
        matMul.OpType = "MatMul";
        matMul.Attribute.Clear();
        matMul.Input.Clear();
        matMul.Input.Add(quantize.Input[0]);
        matMul.Input.Add(floatWeight);
        matMul.Output[0] = rescale.Output[0];
        matMul.Name = FreshNodeName(matMul.Name.EndsWith("_quant", StringComparison.Ordinal)
            ? matMul.Name[..^"_quant".Length]
            : matMul.Name + "_float");
        scope.Graph.Node.Remove(cast);
        scope.Graph.Node.Remove(rescale);
        _report.NodesRemoved += 2;
        return true;
    }

    private void FoldDequantizeLinears()
    {
        foreach (GraphScope scope in _root.SelfAndDescendants().ToList())
        {
            foreach (NodeProto node in scope.Graph.Node.Where(node => IsOp(node, "DequantizeLinear")).ToList())
            {
                if (TryFoldDequantizeLinear(scope, node))
                {
                    _report.DequantizeLinears++;
                }
            }
        }
    }

    private bool TryFoldDequantizeLinear(GraphScope scope, NodeProto dequantize)
    {
        if (dequantize.Input.Count < 2 || dequantize.Output.Count != 1 || scope.IsGraphOutput(dequantize.Output[0]))
        {
            return false;
        }

        string zeroPointName = dequantize.Input.Count > 2 ? dequantize.Input[2] : "";
        TensorProto? scale = scope.FindInitializer(dequantize.Input[1]);
        TensorProto? zeroPoint = zeroPointName.Length == 0 ? null : scope.FindInitializer(zeroPointName);
        if (scale is null || scale.DataType != TensorDataType.Float || (zeroPointName.Length > 0 && zeroPoint is null))
        {
            return false;
        }

        long axis = IntAttribute(dequantize, "axis") ?? 1;
        TensorProto? weight = scope.FindInitializer(dequantize.Input[0]);
        if (weight is not null)
        {
            if (!TensorDataType.IsEightBit(weight.DataType))
            {
                return false;
            }

            string floatWeight = FloatWeight(
                $"dequantize|{weight.Name}|{scale.Name}|{zeroPointName}|{axis}",
                scope,
                weight,
                () => Dequantize(weight, zeroPoint, scale, checked((int)axis)));
            scope.RenameUses(dequantize.Output[0], floatWeight);
            scope.Graph.Node.Remove(dequantize);
            _report.NodesRemoved++;
            return true;
        }

        // Gather/Transpose/... of a quantised weight, read only by this DequantizeLinear, with a per-tensor scale:
        // de-quantise the weight instead and let the movement op produce the float value. The movement op comes
        // before the DequantizeLinear, so everything that read the latter's output still comes after its producer.
        NodeProto? movement = scope.FindProducer(dequantize.Input[0]);
        TensorProto? moved = movement is null || movement.Input.Count == 0 ? null : scope.FindInitializer(movement.Input[0]);
        if (movement is null || moved is null || !MovementOps.Contains(movement.OpType) || !IsDefaultDomain(movement)
            || !TensorDataType.IsEightBit(moved.DataType) || TensorValues.ElementCount(scale) != 1
            || (zeroPoint is not null && TensorValues.ElementCount(zeroPoint) != 1)
            || scope.CountUses(dequantize.Input[0]) != 1)
        {
            return false;
        }

        movement.Input[0] = FloatWeight(
            $"dequantize|{moved.Name}|{scale.Name}|{zeroPointName}|tensor",
            scope,
            moved,
            () => Dequantize(moved, zeroPoint, scale, axis: 0));
        movement.Output[0] = dequantize.Output[0];
        scope.Graph.Node.Remove(dequantize);
        _report.NodesRemoved++;
        return true;
    }

    private void FoldCastWeightChains()
    {
        foreach (GraphScope scope in _root.SelfAndDescendants().ToList())
        {
            foreach (NodeProto node in scope.Graph.Node.Where(node => IsOp(node, "Cast")).ToList())
            {
                if (TryFoldCastWeightChain(scope, node))
                {
                    _report.CastWeightChains++;
                }
            }
        }
    }

    private bool TryFoldCastWeightChain(GraphScope scope, NodeProto cast)
    {
        TensorProto? weight = cast.Input.Count == 1 ? scope.FindInitializer(cast.Input[0]) : null;
        if (weight is null || !TensorDataType.IsEightBit(weight.DataType) || IntAttribute(cast, "to") != TensorDataType.Float)
        {
            return false;
        }

        // Follow the chain while each value feeds exactly one elementwise op with a scalar constant. The constant may
        // not add dimensions (rank at most the weight's), so the result keeps the weight's shape.
        var steps = new List<(string Op, bool WeightFirst, float Constant)>();
        string key = $"cast|{weight.Name}";
        string current = cast.Output[0];
        while (SoleConsumer(scope, current) is { } next
               && next.OpType is "Mul" or "Add" or "Sub" or "Div" && IsDefaultDomain(next) && next.Input.Count == 2)
        {
            bool weightFirst = next.Input[0] == current;
            string other = weightFirst ? next.Input[1] : next.Input[0];
            TensorProto? constant = scope.FindInitializer(other);
            if (constant is null || constant.DataType != TensorDataType.Float || TensorValues.ElementCount(constant) != 1
                || constant.Dims.Count > weight.Dims.Count)
            {
                break;
            }

            steps.Add((next.OpType, weightFirst, TensorValues.ReadFloats(constant)[0]));
            key += $"|{next.OpType}{(weightFirst ? "" : "'")}|{other}";
            current = next.Output[0];
        }

        if (scope.IsGraphOutput(current))
        {
            return false;
        }

        string floatWeight = FloatWeight(key, scope, weight, () => ApplyChain(TensorValues.ReadEightBit(weight), steps));
        // Readers of the chain's end now read the folded weight; the chain is left unread and goes with the dead nodes.
        scope.RenameUses(current, floatWeight);
        return true;
    }

    private static float[] ApplyChain(int[] quantized, List<(string Op, bool WeightFirst, float Constant)> steps)
    {
        var values = new float[quantized.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // The graph's own float32 operations in its own order: one rounding per op, as ORT's kernels do.
            float value = quantized[i];
            foreach ((string op, bool weightFirst, float constant) in steps)
            {
                value = op switch
                {
                    "Mul" => value * constant,
                    "Add" => value + constant,
                    "Sub" => weightFirst ? value - constant : constant - value,
                    _ => weightFirst ? value / constant : constant / value,
                };
            }

            values[i] = value;
        }

        return values;
    }

    /// <summary>
    /// (q − zero_point) × scale, as ONNX DequantizeLinear defines it (and ORT computes it: the difference in int32,
    /// converted to float, times the float scale). A scale of one element is per-tensor; otherwise it runs along
    /// <paramref name="axis"/>, with the zero point (if any) of the same length.
    /// </summary>
    internal static float[] Dequantize(TensorProto quantized, TensorProto? zeroPoint, TensorProto scale, int axis)
    {
        int[] q = TensorValues.ReadEightBit(quantized);
        float[] scales = TensorValues.ReadFloats(scale);
        int[] zeroPoints = zeroPoint is null ? [0] : TensorValues.ReadEightBit(zeroPoint);
        if (zeroPoint is not null && zeroPoint.DataType != quantized.DataType)
        {
            throw new InvalidDataException($"{quantized.Name}: zero point type differs from the weight type.");
        }

        long inner = 1;
        long axisLength = 1;
        if (scales.Length > 1)
        {
            int rank = quantized.Dims.Count;
            int resolved = axis < 0 ? axis + rank : axis;
            if (resolved < 0 || resolved >= rank || quantized.Dims[resolved] != scales.Length
                || (zeroPoints.Length != 1 && zeroPoints.Length != scales.Length))
            {
                throw new InvalidDataException(
                    $"{quantized.Name}: {scales.Length} scales do not match axis {axis} of shape [{string.Join(',', quantized.Dims)}].");
            }

            axisLength = scales.Length;
            for (int d = resolved + 1; d < rank; d++)
            {
                inner *= quantized.Dims[d];
            }
        }

        var values = new float[q.Length];
        for (int i = 0; i < q.Length; i++)
        {
            int channel = (int)(i / inner % axisLength);
            int zero = zeroPoints.Length == 1 ? zeroPoints[0] : zeroPoints[channel];
            values[i] = (q[i] - zero) * scales[channel];
        }

        return values;
    }

    /// <summary>
    /// The name of the float initializer for one de-quantisation of <paramref name="quantized"/>, created on first
    /// use next to the quantised one (so it is visible wherever that was, including from both If branches).
    /// </summary>
    private string FloatWeight(string key, GraphScope scope, TensorProto quantized, Func<float[]> compute)
    {
        if (_floatWeights.TryGetValue(key, out string? existing))
        {
            return existing;
        }

        string stem = quantized.Name.EndsWith(QuantizedSuffix, StringComparison.Ordinal)
            ? quantized.Name[..^QuantizedSuffix.Length]
            : quantized.Name + "_float";
        string name = FreshValueName(stem);
        scope.OwnerOf(quantized).Graph.Initializer.Add(TensorValues.CreateFloat(name, quantized.Dims, compute()));
        _floatWeights[key] = name;
        _report.FloatInitializersAdded++;
        return name;
    }

    private string FreshValueName(string stem)
    {
        string name = stem;
        for (int n = 2; !_valueNames.Add(name); n++)
        {
            name = n == 2 ? $"{stem}_dequantized" : $"{stem}_dequantized{n}";
        }

        return name;
    }

    private string FreshNodeName(string stem)
    {
        string name = stem;
        for (int n = 2; !_nodeNames.Add(name); n++)
        {
            name = $"{stem}_{n}";
        }

        return name;
    }

    /// <summary>
    /// Removes nodes none of whose outputs is read (by a node, a nested graph or a graph output), repeatedly, since
    /// removing a reader can leave its producers unread. Every ONNX op in these models is side-effect free.
    /// </summary>
    private void RemoveDeadNodes()
    {
        bool removed;
        do
        {
            Dictionary<string, int> uses = CountAllUses(_root.Graph);
            removed = Sweep(_root.Graph, uses);
        }
        while (removed);
    }

    private bool Sweep(GraphProto graph, Dictionary<string, int> uses)
    {
        bool removed = false;
        // Backwards, so a dead chain goes in one pass: a reader is removed (and its uses uncounted) before its producer.
        for (int i = graph.Node.Count - 1; i >= 0; i--)
        {
            NodeProto node = graph.Node[i];
            if (node.Output.Any(output => output.Length > 0 && uses.GetValueOrDefault(output) > 0))
            {
                continue;
            }

            graph.Node.RemoveAt(i);
            Dictionary<string, int> released = CountUses(node);
            foreach ((string name, int count) in released)
            {
                uses[name] = uses.GetValueOrDefault(name) - count;
            }

            _report.NodesRemoved++;
            removed = true;
        }

        foreach (NodeProto node in graph.Node)
        {
            foreach (GraphProto subgraph in GraphScope.SubgraphsOf(node))
            {
                removed |= Sweep(subgraph, uses);
            }
        }

        return removed;
    }

    /// <summary>Reads of every name, over the graph and its subgraphs: node inputs and graph outputs.</summary>
    private static Dictionary<string, int> CountAllUses(GraphProto graph)
    {
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (GraphScope scope in new GraphScope(graph).SelfAndDescendants())
        {
            foreach (ValueInfoProto output in scope.Graph.Output)
            {
                uses[output.Name] = uses.GetValueOrDefault(output.Name) + 1;
            }

            foreach (NodeProto node in scope.Graph.Node)
            {
                foreach (string input in node.Input)
                {
                    uses[input] = uses.GetValueOrDefault(input) + 1;
                }
            }
        }

        return uses;
    }

    /// <summary>What a node reads, its subgraphs included (those reads are released when the node goes).</summary>
    private static Dictionary<string, int> CountUses(NodeProto node)
    {
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string input in node.Input)
        {
            uses[input] = uses.GetValueOrDefault(input) + 1;
        }

        foreach (GraphProto subgraph in GraphScope.SubgraphsOf(node))
        {
            foreach ((string name, int count) in CountAllUses(subgraph))
            {
                uses[name] = uses.GetValueOrDefault(name) + count;
            }
        }

        return uses;
    }

    private void RemoveUnusedInitializers()
    {
        Dictionary<string, int> uses = CountAllUses(_root.Graph);
        foreach (GraphScope scope in _root.SelfAndDescendants())
        {
            // An initializer also listed as a graph input is an overridable input (IR < 4 style): part of the interface.
            var inputs = scope.Graph.Input.Select(input => input.Name).ToHashSet(StringComparer.Ordinal);
            for (int i = scope.Graph.Initializer.Count - 1; i >= 0; i--)
            {
                string name = scope.Graph.Initializer[i].Name;
                if (uses.GetValueOrDefault(name) == 0 && !inputs.Contains(name))
                {
                    scope.Graph.Initializer.RemoveAt(i);
                    _report.InitializersRemoved++;
                }
            }
        }
    }

    /// <summary>Drops value_info entries (shape/type hints) for values that no longer exist.</summary>
    private void PruneValueInfo()
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (GraphScope scope in _root.SelfAndDescendants())
        {
            defined.UnionWith(scope.Graph.Input.Select(input => input.Name));
            defined.UnionWith(scope.Graph.Initializer.Select(tensor => tensor.Name));
            defined.UnionWith(scope.Graph.Node.SelectMany(node => node.Output));
        }

        foreach (GraphScope scope in _root.SelfAndDescendants())
        {
            for (int i = scope.Graph.ValueInfo.Count - 1; i >= 0; i--)
            {
                if (!defined.Contains(scope.Graph.ValueInfo[i].Name))
                {
                    scope.Graph.ValueInfo.RemoveAt(i);
                    _report.ValueInfosRemoved++;
                }
            }
        }
    }

    /// <summary>The only node reading <paramref name="name"/> (in this graph; none nested), or null.</summary>
    private static NodeProto? SoleConsumer(GraphScope scope, string name)
    {
        if (scope.CountUses(name) != 1)
        {
            return null;
        }

        NodeProto? consumer = scope.Consumers(name).SingleOrDefault();
        return consumer is not null && consumer.Input.Count(input => input == name) == 1 ? consumer : null;
    }

    private static NodeProto? FindProducerInScopes(GraphScope scope, string name)
    {
        for (GraphScope? current = scope; current is not null; current = current.Parent)
        {
            if (current.FindProducer(name) is { } producer)
            {
                return producer;
            }
        }

        return null;
    }

    private static bool IsOp(NodeProto node, string opType) => node.OpType == opType && IsDefaultDomain(node);

    private static bool IsDefaultDomain(NodeProto node) => string.IsNullOrEmpty(node.Domain) || node.Domain == "ai.onnx";

    private static long? IntAttribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(attribute => attribute.Name == name) is { HasI: true } attribute ? attribute.I : null;
}
