namespace ContactCenter.Orchestrator.Dialplans;

/// <summary>
/// Finds a configured dialplan path. Data paths in this repo are relative to the working directory (the host
/// keeps its content root beside the binary for appsettings.json only), so that is tried first; beside the
/// binary second, for a published host that ships its dialplans/ folder.
/// </summary>
internal static class DialplanLocator
{
    public static string Resolve(string configured, string workingDirectory, string baseDirectory)
    {
        if (Path.IsPathFullyQualified(configured))
        {
            return File.Exists(configured) ? configured : throw NotFound(configured, [configured]);
        }

        string[] candidates = [Path.GetFullPath(configured, workingDirectory), Path.GetFullPath(configured, baseDirectory)];
        return candidates.FirstOrDefault(File.Exists) ?? throw NotFound(configured, candidates);
    }

    private static FileNotFoundException NotFound(string configured, string[] candidates) =>
        new($"Dialplan '{configured}' (Flow:Dialplan) not found; looked for {string.Join(" and ", candidates.Distinct())}.", configured);
}
