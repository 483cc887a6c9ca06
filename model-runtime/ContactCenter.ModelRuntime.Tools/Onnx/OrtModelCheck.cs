using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace ContactCenter.ModelRuntime.Tools.Onnx;

/// <summary>
/// Proves a written model is usable: ONNX Runtime parses it, resolves types and shapes through every node (If
/// branches included) and builds its execution plan. A dangling name or a type mismatch fails here, not in the engine.
/// </summary>
internal static class OrtModelCheck
{
    /// <summary>Loads the model in a CPU session and describes its inputs and outputs.</summary>
    public static string Describe(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        var text = new StringBuilder();
        Append(text, "inputs", session.InputMetadata);
        Append(text, "outputs", session.OutputMetadata);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string title, IReadOnlyDictionary<string, NodeMetadata> values)
    {
        text.Append("  ").Append(title).Append(": ").Append(values.Count).AppendLine();
        foreach ((string name, NodeMetadata metadata) in values.Take(4))
        {
            text.Append("    ").Append(name).Append(' ').Append(metadata.ElementDataType)
                .Append(" [").Append(string.Join(',', metadata.Dimensions)).AppendLine("]");
        }

        if (values.Count > 4)
        {
            text.Append("    ... ").Append(values.Count - 4).AppendLine(" more");
        }
    }
}
