using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;

namespace ContactCenter.ModelRuntime.Tools.Quantization;

/// <summary>Counts of node op types (domain-qualified outside the default domain) over a model and its subgraphs.</summary>
internal static class OpHistogram
{
    public static IReadOnlyList<KeyValuePair<string, int>> Of(ModelProto model)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (GraphScope scope in new GraphScope(model.Graph).SelfAndDescendants())
        {
            foreach (NodeProto node in scope.Graph.Node)
            {
                string key = string.IsNullOrEmpty(node.Domain) || node.Domain == "ai.onnx"
                    ? node.OpType
                    : $"{node.Domain}:{node.OpType}";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return [.. counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];
    }
}
