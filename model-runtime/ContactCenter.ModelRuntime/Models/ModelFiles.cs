using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Where the installed model files are, checked against their pinned sha256 before anything loads them.
/// A missing or corrupt file fails with <see cref="ModelMissingException"/> naming the install command.
/// </summary>
public sealed class ModelFiles
{
    /// <summary>The command that installs the models (also run by `./contactcenter run` and `test`).</summary>
    public const string InstallCommand = "./contactcenter models";

    /// <summary>The folder name searched for above the working and base directories.</summary>
    public const string FolderName = ".models";

    /// <summary>The environment variable that names the models folder (also read by infra/scripts/install-models.sh).</summary>
    public const string EnvironmentVariable = "CONTACTCENTER_MODELS";

    internal const string SileroVadPath = "silero_vad.onnx";
    internal const string MoonshineEncoderPath = "moonshine-tiny/encoder_model.onnx";
    internal const string MoonshineDecoderPath = "moonshine-tiny/decoder_model_merged.onnx";
    internal const string LlamaTokenizerPath = "llama-tokenizer.js";
    internal const string MoonshineFp32EncoderPath = "moonshine-tiny-fp32/encoder_model.onnx";
    internal const string MoonshineFp32DecoderPath = "moonshine-tiny-fp32/decoder_model_merged.onnx";

    /// <summary>The command that makes the de-quantised (GPU-friendly) Moonshine variant from the installed int8 one.</summary>
    public const string Fp32Command = "dotnet run --project model-runtime/ContactCenter.ModelRuntime.Tools -- moonshine-gpu .models";

    /// <summary>The same pins as infra/scripts/install-models.sh (DESIGN §2): a file that differs is not the model we tested.</summary>
    internal static readonly IReadOnlyList<(string RelativePath, string Sha256)> Pins =
    [
        (SileroVadPath, "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"),
        (MoonshineEncoderPath, "c6fc4b7bc5af75c0591fd157a1f3829b533d18e9769a888fd95a62e470dd4f4a"),
        (MoonshineDecoderPath, "eed87831c3a6103534aae7d47a5d485025c659a1323901513961c39fe8a1a367"),
        (LlamaTokenizerPath, "34a7b9f7579d40486444590c37cba6564ef40c3dd98ecdfc2f7c886ae72c898d"),
    ];

    /// <summary>The de-quantised variant's files: the tool's output is deterministic, so it is pinned too.</summary>
    internal static readonly IReadOnlyList<(string RelativePath, string Sha256)> Fp32Pins =
    [
        (MoonshineFp32EncoderPath, "b40b99d958abfe3e7179b19bd42909fb416acaa80acb9fba6ba4a6b3aad24aa2"),
        (MoonshineFp32DecoderPath, "28ee5fd96b9d5b2893a4f057805027da2070fae9f19994c8faf3cd67268da155"),
    ];

    // Hashing 30 MB takes ~100 ms; every test class and host start would pay it again. Keyed by path, size and
    // write time so a file replaced in place (a reinstall, a test corrupting a copy) is hashed afresh.
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime WrittenUtc), string> Hashes = new();

    private ModelFiles(string directory, MoonshineVariant variant)
    {
        Directory = directory;
        Variant = variant;
    }

    public string Directory { get; }

    public MoonshineVariant Variant { get; }

    public string SileroVad => Path.Combine(Directory, SileroVadPath);

    public string MoonshineEncoder => Path.Combine(Directory, Variant == MoonshineVariant.Fp32 ? MoonshineFp32EncoderPath : MoonshineEncoderPath);

    public string MoonshineDecoder => Path.Combine(Directory, Variant == MoonshineVariant.Fp32 ? MoonshineFp32DecoderPath : MoonshineDecoderPath);

    public string LlamaTokenizer => Path.Combine(Directory, LlamaTokenizerPath);

    /// <summary>
    /// Finds the models folder: <paramref name="configured"/> when given, else $CONTACTCENTER_MODELS, else the
    /// nearest ".models" folder above the working directory or above the application's base directory.
    /// Then verifies every file's sha256, the de-quantised Moonshine too when <paramref name="variant"/> asks for it.
    /// </summary>
    public static ModelFiles Locate(string? configured, MoonshineVariant variant = MoonshineVariant.Int8) => Locate(
        configured,
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        System.IO.Directory.GetCurrentDirectory(),
        AppContext.BaseDirectory,
        variant);

    /// <summary>The search of <see cref="Locate(string?, MoonshineVariant)"/> with its inputs explicit, so tests need not touch the process environment.</summary>
    internal static ModelFiles Locate(
        string? configured, string? environment, string currentDirectory, string baseDirectory, MoonshineVariant variant = MoonshineVariant.Int8)
    {
        string directory = Find(configured, environment, currentDirectory, baseDirectory);
        var problems = new StringBuilder();
        var pins = variant == MoonshineVariant.Fp32 ? [.. Pins, .. Fp32Pins] : Pins;
        foreach ((string relative, string pinned) in pins)
        {
            string path = Path.Combine(directory, relative);
            if (!File.Exists(path))
            {
                problems.Append("  ").Append(path).AppendLine(": missing");
                continue;
            }

            string actual = Sha256Of(path);
            if (!string.Equals(actual, pinned, StringComparison.Ordinal))
            {
                problems.Append("  ").Append(path).Append(": sha256 mismatch, found ").Append(actual)
                    .Append(", expected ").AppendLine(pinned);
            }
        }

        if (problems.Length > 0)
        {
            string fp32 = variant == MoonshineVariant.Fp32 ? $"{Environment.NewLine}then make the de-quantised Moonshine with: {Fp32Command}" : string.Empty;
            throw new ModelMissingException(
                $"The model files in {directory} are not the pinned ones:{Environment.NewLine}{problems}" +
                $"Install the models with: {InstallCommand}{fp32}");
        }

        return new ModelFiles(directory, variant);
    }

    /// <summary>The lower-case hex sha256 of a file, computed once per process for an unchanged file.</summary>
    internal static string Sha256Of(string path)
    {
        var info = new FileInfo(path);
        return Hashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), static key =>
        {
            using FileStream stream = File.OpenRead(key.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }

    private static string Find(string? configured, string? environment, string currentDirectory, string baseDirectory)
    {
        // An explicit setting wins and is not second-guessed: falling back to another folder would hide the mistake.
        foreach ((string? candidate, string origin) in (ReadOnlySpan<(string?, string)>)
            [(configured, "the configured models path"), (environment, $"${EnvironmentVariable}")])
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                string full = Path.GetFullPath(candidate);
                return System.IO.Directory.Exists(full)
                    ? full
                    : throw new ModelMissingException(
                        $"{origin} names {full}, which does not exist. Install the models with: {InstallCommand}");
            }
        }

        return NearestModelsFolder(currentDirectory) ?? NearestModelsFolder(baseDirectory)
            ?? throw new ModelMissingException(
                $"No {FolderName} folder above {currentDirectory} or {baseDirectory}, and ${EnvironmentVariable} is not set. " +
                $"Install the models with: {InstallCommand}");
    }

    private static string? NearestModelsFolder(string start)
    {
        for (DirectoryInfo? at = new(Path.GetFullPath(start)); at is not null; at = at.Parent)
        {
            string candidate = Path.Combine(at.FullName, FolderName);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
