using System.Security.Cryptography;

namespace ContactCenter.ModelRuntime.Tools.Moonshine;

/// <summary>
/// Where the Moonshine tiny models live under the models folder: the installed int8 pair
/// (infra/scripts/install-models.sh, DESIGN §2) and the de-quantised fp32 pair this tool derives from it.
/// </summary>
internal static class MoonshineModels
{
    public const string Int8Folder = "moonshine-tiny";
    public const string Fp32Folder = "moonshine-tiny-fp32";
    public const string Encoder = "encoder_model.onnx";
    public const string Decoder = "decoder_model_merged.onnx";

    /// <summary>The sha256 pins of the installed int8 files (same as install-models.sh and ModelFiles).</summary>
    public static readonly IReadOnlyDictionary<string, string> Int8Pins = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Encoder] = "c6fc4b7bc5af75c0591fd157a1f3829b533d18e9769a888fd95a62e470dd4f4a",
        [Decoder] = "eed87831c3a6103534aae7d47a5d485025c659a1323901513961c39fe8a1a367",
    };

    public static string Int8(string modelsDirectory, string file) => Path.Combine(modelsDirectory, Int8Folder, file);

    public static string Fp32(string modelsDirectory, string file) => Path.Combine(modelsDirectory, Fp32Folder, file);

    public static string Sha256Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
