namespace ContactCenter.Sip.UnitTests.Parsing;

/// <summary>Loads the RFC 4475 messages copied next to the test assembly (see Rfc4475/README.md).</summary>
internal static class TortureCorpus
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Rfc4475");

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".dat"));

    public static IEnumerable<string> AllNames() =>
        System.IO.Directory.GetFiles(Directory, "*.dat").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;
}
