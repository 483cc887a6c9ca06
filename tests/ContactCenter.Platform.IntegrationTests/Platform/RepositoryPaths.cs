using System.Runtime.CompilerServices;

namespace ContactCenter.Platform.IntegrationTests.Platform;

/// <summary>
/// Files of the repository the platform loads (models, dialplans). Found from this source file's folder, because
/// test builds may put their binaries outside the repository (--artifacts-path).
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, ".models");

    public static string SampleDialplan => Path.Combine(Root, "dialplans", "sample.yaml");

    public static string FallbackWav => Path.Combine(Root, "dialplans", "audio", "fallback.wav");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ContactCenter.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ContactCenter.sln above {sourceFile}");
    }
}
