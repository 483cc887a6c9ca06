using System.Security.Cryptography;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.UnitTests.Models;

public sealed class ModelFilesTests : IDisposable
{
    private readonly string _installed = ModelsFixture.ConfiguredFolder() ?? ModelFiles.Locate(null).Directory;
    private readonly string _scratch = Directory.CreateTempSubdirectory("cc-models-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Locate_verifies_the_installed_models_and_names_their_paths()
    {
        ModelFiles files = ModelFiles.Locate(_installed);

        Assert.Equal(Path.GetFullPath(_installed), files.Directory);
        foreach (string path in (string[])[files.SileroVad, files.MoonshineEncoder, files.MoonshineDecoder, files.LlamaTokenizer])
        {
            Assert.True(File.Exists(path), path);
            Assert.StartsWith(files.Directory, path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_configured_folder_that_does_not_exist_names_it_and_the_install_command()
    {
        string missing = Path.Combine(_scratch, "nowhere");

        var error = Assert.Throws<ModelMissingException>(() => ModelFiles.Locate(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelFiles.InstallCommand, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_models_folder_anywhere_names_the_install_command()
    {
        string deep = Directory.CreateDirectory(Path.Combine(_scratch, "a", "b")).FullName;

        var error = Assert.Throws<ModelMissingException>(() => ModelFiles.Locate(null, null, deep, deep));

        Assert.Contains(ModelFiles.FolderName, error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelFiles.InstallCommand, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string models = LinkInstalled(Path.Combine(_scratch, "models"));
        File.Delete(Path.Combine(models, ModelFiles.MoonshineDecoderPath));

        var error = Assert.Throws<ModelMissingException>(() => ModelFiles.Locate(models));

        Assert.Contains("decoder_model_merged.onnx: missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("silero_vad.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelFiles.InstallCommand, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fp32_variant_without_its_files_names_the_tool_that_makes_them()
    {
        string models = LinkInstalled(Path.Combine(_scratch, "models"));

        var error = Assert.Throws<ModelMissingException>(() => ModelFiles.Locate(models, MoonshineVariant.Fp32));

        Assert.Contains("moonshine-tiny-fp32/encoder_model.onnx: missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("silero_vad.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelFiles.Fp32Command, error.Message, StringComparison.Ordinal);
        Assert.Equal(MoonshineVariant.Int8, ModelFiles.Locate(models).Variant);
    }

    [Fact]
    public void A_corrupt_file_is_named_with_both_hashes()
    {
        string models = LinkInstalled(Path.Combine(_scratch, "models"));
        string silero = Path.Combine(models, ModelFiles.SileroVadPath);
        byte[] bytes = File.ReadAllBytes(Path.Combine(_installed, ModelFiles.SileroVadPath));
        bytes[bytes.Length / 2] ^= 0x01;
        File.Delete(silero);
        File.WriteAllBytes(silero, bytes);

        var error = Assert.Throws<ModelMissingException>(() => ModelFiles.Locate(models));

        Assert.Contains("silero_vad.onnx: sha256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelFiles.Pins.Single(p => p.RelativePath == ModelFiles.SileroVadPath).Sha256, error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelFiles.InstallCommand, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nearest_models_folder_above_the_working_directory_is_found()
    {
        string models = LinkInstalled(Path.Combine(_scratch, ModelFiles.FolderName));
        string deep = Directory.CreateDirectory(Path.Combine(_scratch, "src", "app", "bin")).FullName;

        ModelFiles files = ModelFiles.Locate(null, null, deep, "/");

        Assert.Equal(models, files.Directory);
    }

    [Fact]
    public void The_base_directory_is_searched_when_the_working_directory_has_no_models_above_it()
    {
        string models = LinkInstalled(Path.Combine(_scratch, "app", ModelFiles.FolderName));
        string bin = Directory.CreateDirectory(Path.Combine(_scratch, "app", "bin")).FullName;
        string elsewhere = Directory.CreateDirectory(Path.Combine(_scratch, "elsewhere")).FullName;

        ModelFiles files = ModelFiles.Locate(null, null, elsewhere, bin);

        Assert.Equal(models, files.Directory);
    }

    [Fact]
    public void The_environment_variable_wins_over_the_walk_and_the_configured_path_over_both()
    {
        string walked = LinkInstalled(Path.Combine(_scratch, ModelFiles.FolderName));
        string fromEnvironment = LinkInstalled(Path.Combine(_scratch, "env"));
        string configured = LinkInstalled(Path.Combine(_scratch, "configured"));

        Assert.Equal(walked, ModelFiles.Locate(null, null, _scratch, "/").Directory);
        Assert.Equal(fromEnvironment, ModelFiles.Locate(null, fromEnvironment, _scratch, "/").Directory);
        Assert.Equal(configured, ModelFiles.Locate(configured, fromEnvironment, _scratch, "/").Directory);
    }

    [Fact]
    public void An_unchanged_file_is_hashed_once_and_a_rewritten_one_again()
    {
        string path = Path.Combine(_scratch, "weights.bin");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        DateTime written = File.GetLastWriteTimeUtc(path);
        string first = ModelFiles.Sha256Of(path);

        // Same size and time stamp: the cached hash is returned without reading the file again.
        File.WriteAllBytes(path, [9, 9, 9, 9]);
        File.SetLastWriteTimeUtc(path, written);
        Assert.Equal(first, ModelFiles.Sha256Of(path));

        // A new time stamp (a reinstall) is hashed afresh.
        File.SetLastWriteTimeUtc(path, written.AddSeconds(5));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([9, 9, 9, 9])), ModelFiles.Sha256Of(path));
    }

    // A models folder whose files are symbolic links to the installed ones: cheap, and hashed through the link.
    private string LinkInstalled(string folder)
    {
        foreach ((string relative, _) in ModelFiles.Pins)
        {
            string link = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, Path.Combine(_installed, relative));
        }

        return folder;
    }
}
