using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;
using ContactCenter.ModelRuntime.Tools.Quantization;

namespace ContactCenter.ModelRuntime.Tools.Commands;

/// <summary>`inspect model.onnx`: op histogram, weights by type, quantised ops and what `dequantize` would do.</summary>
internal static class InspectCommand
{
    public static int Run(string path, TextWriter output)
    {
        ModelProto model = OnnxModelFile.Load(path);
        output.WriteLine($"{path}: ir_version {model.IrVersion}, producer {model.ProducerName} {model.ProducerVersion}, " +
                         $"opsets {string.Join(' ', model.OpsetImport.Select(o => $"{(o.Domain.Length == 0 ? "ai.onnx" : o.Domain)}:{o.Version}"))}");
        output.WriteLine($"inputs: {string.Join(' ', model.Graph.Input.Select(i => i.Name))}");
        output.WriteLine($"outputs: {string.Join(' ', model.Graph.Output.Select(o => o.Name))}");

        var scopes = new GraphScope(model.Graph).SelfAndDescendants().ToList();
        output.WriteLine($"graphs: {scopes.Count} (subgraphs included), nodes: {scopes.Sum(s => s.Graph.Node.Count)}");
        output.WriteLine("op types:");
        foreach ((string op, int count) in OpHistogram.Of(model))
        {
            output.WriteLine($"  {count,5} {op}{(QuantizedOps.IsQuantized(new NodeProto { OpType = op }) ? "   <- quantised" : "")}");
        }

        output.WriteLine("initializers:");
        foreach (IGrouping<int, TensorProto> group in scopes.SelectMany(s => s.Graph.Initializer).GroupBy(t => t.DataType).OrderBy(g => g.Key))
        {
            long bytes = group.Sum(t => t.RawData.Length + (t.FloatData.Count * 4L) + (t.Int32Data.Count * 4L) + (t.Int64Data.Count * 8L));
            output.WriteLine($"  {group.Count(),5} {TensorDataType.Name(group.Key),-8} {bytes,12:N0} bytes");
        }

        // What `dequantize` would do, on a copy.
        DequantizationReport report = Dequantizer.Run(model.Clone());
        output.WriteLine($"dequantize would: {report}");
        output.WriteLine(report.IsComplete
            ? "  and leave no quantised op or 8-bit weight."
            : $"  and leave quantised ops [{string.Join(", ", report.RemainingQuantizedOps.Select(p => $"{p.Key}={p.Value}"))}], " +
              $"{report.RemainingEightBitInitializers.Count} 8-bit weights.");
        return 0;
    }
}
