namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Where the installed model files are, checked against their pinned sha256 before anything loads them.
/// A missing or corrupt file fails with <see cref="ModelMissingException"/> naming the install command.
/// </summary>
public sealed class ModelFiles
{
    /// <summary>The command that installs the models (also run by `./contactcenter run` and `test`).</summary>
    public const string InstallCommand = "./contactcenter models";

    public string Directory => throw new NotImplementedException();
    public string SileroVad => throw new NotImplementedException();
    public string MoonshineEncoder => throw new NotImplementedException();
    public string MoonshineDecoder => throw new NotImplementedException();
    public string LlamaTokenizer => throw new NotImplementedException();

    /// <summary>
    /// Finds the models folder: <paramref name="configured"/> when given, else $CONTACTCENTER_MODELS, else the
    /// nearest ".models" folder above the working directory or above the application's base directory.
    /// Then verifies every file's sha256.
    /// </summary>
    public static ModelFiles Locate(string? configured) => throw new NotImplementedException();
}
