using ContactCenter.ModelRuntime.Tools.Commands;

// Offline model tools (DESIGN §2). Usage: see the text below.
const string Usage = """
    usage:
      inspect <model.onnx>                  op histogram, weights by type, quantised ops, what dequantize would do
      dequantize <in.onnx> <out.onnx>       rewrite a dynamically quantised model to fp32 (no quantised ops left)
      moonshine-gpu <modelsDir>             write <modelsDir>/moonshine-tiny-fp32/{encoder_model,decoder_model_merged}.onnx
      compare <modelsDir> [seconds]         int8 vs fp32 Moonshine on the CPU: output difference and timings
    """;

try
{
    return args switch
    {
        ["inspect", string model] => InspectCommand.Run(model, Console.Out),
        ["dequantize", string input, string output] => DequantizeCommand.Run(input, output, Console.Out),
        ["moonshine-gpu", string models] => MoonshineGpuCommand.Run(models, Console.Out),
        ["compare", string models] => CompareCommand.Run(models, 2.0, Console.Out),
        ["compare", string models, string seconds] when double.TryParse(seconds, out double s) && s > 0 =>
            CompareCommand.Run(models, s, Console.Out),
        _ => PrintUsage(),
    };
}
catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException
                              or Google.Protobuf.InvalidProtocolBufferException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static int PrintUsage()
{
    Console.Error.Write(Usage);
    return 2;
}
