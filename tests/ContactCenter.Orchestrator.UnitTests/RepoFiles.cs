using System.Reflection;

namespace ContactCenter.Orchestrator.UnitTests;

/// <summary>Files of the repository the tests read (the real sample dialplan), found from the test binary.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string SampleDialplan => Path.Combine(Root, "dialplans", "sample.yaml");

    /// <summary>
    /// Walks up from the test binary to the directory holding ContactCenter.sln. Builds with an artifacts path
    /// outside the repository (--artifacts-path /tmp/…) have no repository above the binary, so the project
    /// directory recorded at build time is walked up from as well.
    /// </summary>
    private static string FindRoot()
    {
        var projectDirectory = typeof(RepoFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "ProjectDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, projectDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ContactCenter.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No ContactCenter.sln above {AppContext.BaseDirectory} or {projectDirectory}.");
    }
}
