using ContactCenter.ModelRuntime.Tools.Onnx;
using ContactCenter.ModelRuntime.Tools.Onnx.Proto;

namespace ContactCenter.ModelRuntime.Tools.Quantization;

/// <summary>File to file de-quantisation with the checks that make the output trustworthy.</summary>
internal static class ModelConversion
{
    /// <summary>
    /// Reads <paramref name="input"/>, rewrites it to float, refuses to write anything when a quantised op or 8-bit
    /// weight is left (a half-converted model would still fall back to the CPU), writes <paramref name="output"/>
    /// and loads it in ONNX Runtime.
    /// </summary>
    public static DequantizationReport DequantizeFile(string input, string output, TextWriter log)
    {
        ModelProto model = OnnxModelFile.Load(input);
        DequantizationReport report = Dequantizer.Run(model);
        log.WriteLine($"{input}: {report}");
        if (!report.IsComplete)
        {
            string ops = string.Join(", ", report.RemainingQuantizedOps.Select(pair => $"{pair.Key}={pair.Value}"));
            string weights = string.Join(", ", report.RemainingEightBitInitializers.Take(5));
            throw new InvalidDataException(
                $"{input}: patterns this tool does not know are left; not written. Quantised ops: [{ops}]; " +
                $"8-bit initializers: [{weights}]{(report.RemainingEightBitInitializers.Count > 5 ? " ..." : "")}");
        }

        OnnxModelFile.Save(model, output);
        log.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes); ONNX Runtime loads it:");
        log.Write(OrtModelCheck.Describe(output));
        return report;
    }
}
