using System.Globalization;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// The Debian tools the peer tests drive. Missing tools are an error with the install command in
/// the message, never a silent skip: <c>./contactcenter test</c> installs them.
/// </summary>
public static class PeerTools
{
    public const string AptInstallCommand =
        "apt-get install -y --no-install-recommends baresip-core sip-tester sipsak tshark sox";

    /// <summary>Executable → the Debian package that ships it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Packages = new Dictionary<string, string>
    {
        ["baresip"] = "baresip-core",
        ["sipp"] = "sip-tester",
        ["sipsak"] = "sipsak",
        ["tshark"] = "tshark",
        ["sox"] = "sox",
    };

    private const string BaresipModules = "/usr/lib/baresip/modules";
    private static readonly string[] NeededModules = ["g711.so", "aufile.so", "aubridge.so", "sndfile.so", "ctrl_tcp.so", "account.so", "menu.so"];
    private static readonly Lock Gate = new();
    private static bool s_checked;

    /// <exception cref="InvalidOperationException">A tool is missing; the message names the apt-get command.</exception>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (s_checked)
            {
                return;
            }

            var missing = Packages
                .Where(p => ProcessRunner.FindOnPath(p.Key) is null)
                .Select(p => $"{p.Key} (Debian {p.Value})")
                .ToList();
            missing.AddRange(NeededModules
                .Where(m => !File.Exists(Path.Combine(BaresipModules, m)))
                .Select(m => $"{BaresipModules}/{m} (Debian baresip-core)"));
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    "The real-peer tests need tools that are not installed: " + string.Join(", ", missing)
                    + $". Install them with: sudo {AptInstallCommand}   (or run ./contactcenter test, which installs them)");
            }

            s_checked = true;
        }
    }

    /// <summary>Writes a sine tone as 8 kHz mono S16LE at -6 dBFS, like the recipes' setup.sh.</summary>
    public static void SynthesizeTone(string path, int hz, int seconds)
    {
        var result = ProcessRunner.RunAsync(
            "sox",
            ["-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", path,
             "synth", seconds.ToString(CultureInfo.InvariantCulture), "sine", hz.ToString(CultureInfo.InvariantCulture), "gain", "-6"],
            workingDirectory: null,
            TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox could not make {path}\n{result}");
        }
    }

    /// <summary>Converts any audio file sox reads to what baresip's aufile needs for G.711: 8 kHz mono S16LE WAV.</summary>
    public static async Task ConvertForBaresipAsync(string source, string destination, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(source))
        {
            throw new FileNotFoundException("audio file for baresip not found", source);
        }

        // sox cannot write over its own input; go through a temporary file.
        var temporary = destination + ".tmp.wav";
        var result = await ProcessRunner.RunAsync(
            "sox",
            [source, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", temporary],
            workingDirectory: null,
            TimeSpan.FromSeconds(30),
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox could not convert {source} for baresip\n{result}");
        }

        File.Move(temporary, destination, overwrite: true);
    }
}
