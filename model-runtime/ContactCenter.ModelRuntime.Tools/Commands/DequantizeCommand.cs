using ContactCenter.ModelRuntime.Tools.Quantization;

namespace ContactCenter.ModelRuntime.Tools.Commands;

/// <summary>`dequantize in.onnx out.onnx`: one model to its float equivalent.</summary>
internal static class DequantizeCommand
{
    public static int Run(string input, string output, TextWriter log)
    {
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            log.WriteLine("error: the output must not overwrite the input.");
            return 2;
        }

        ModelConversion.DequantizeFile(input, output, log);
        return 0;
    }
}
