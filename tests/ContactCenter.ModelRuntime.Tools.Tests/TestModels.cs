namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>
/// The installed models folder: $CONTACTCENTER_MODELS, else the nearest ".models" above the working or the test
/// assembly's directory (the layout infra/scripts/install-models.sh creates).
/// </summary>
internal static class TestModels
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("CONTACTCENTER_MODELS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (string start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
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
