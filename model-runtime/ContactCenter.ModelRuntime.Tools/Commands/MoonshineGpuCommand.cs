using ContactCenter.ModelRuntime.Tools.Moonshine;
using ContactCenter.ModelRuntime.Tools.Quantization;

namespace ContactCenter.ModelRuntime.Tools.Commands;

/// <summary>
/// `moonshine-gpu modelsDir`: writes modelsDir/moonshine-tiny-fp32/{encoder_model,decoder_model_merged}.onnx from the
/// installed, sha256-pinned int8 pair. Deterministic: the same input gives byte-identical output.
/// </summary>
internal static class MoonshineGpuCommand
{
    public static int Run(string modelsDirectory, TextWriter log)
    {
        foreach (string file in new[] { MoonshineModels.Encoder, MoonshineModels.Decoder })
        {
            string input = MoonshineModels.Int8(modelsDirectory, file);
            if (!File.Exists(input))
            {
                log.WriteLine($"error: {input} is missing. Install the models with: ./contactcenter models");
                return 1;
            }

            // The rewrite was checked against these exact files; another version may hide another pattern.
            string actual = MoonshineModels.Sha256Of(input);
            if (!string.Equals(actual, MoonshineModels.Int8Pins[file], StringComparison.Ordinal))
            {
                log.WriteLine($"error: {input} has sha256 {actual}, not the pinned {MoonshineModels.Int8Pins[file]}. " +
                              "Install the models with: ./contactcenter models");
                return 1;
            }
        }

        foreach (string file in new[] { MoonshineModels.Encoder, MoonshineModels.Decoder })
        {
            string output = MoonshineModels.Fp32(modelsDirectory, file);
            ModelConversion.DequantizeFile(MoonshineModels.Int8(modelsDirectory, file), output, log);
            log.WriteLine($"sha256 {MoonshineModels.Sha256Of(output)}  {output}");
        }

        return 0;
    }
}
