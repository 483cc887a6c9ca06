using System.Runtime.CompilerServices;

namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>
/// The installed models folder: $CONTACTCENTER_MODELS, else the nearest ".models" above the working directory, the
/// test assembly's directory or this source file (builds with --artifacts-path put the assembly outside the repository).
/// </summary>
internal static class TestModels
{
    public static string Directory { get; } = Locate();

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        string? configured = Environment.GetEnvironmentVariable("CONTACTCENTER_MODELS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (string start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, ".models");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("No .models folder found; install the models with: ./contactcenter models");
    }
}
