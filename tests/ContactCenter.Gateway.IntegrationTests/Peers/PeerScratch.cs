using System.Globalization;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// A fresh temporary folder per test laid out like the recipes' <c>setup.sh</c>: one baresip config
/// folder per role (with <c>@PROBE@</c> replaced by this folder), <c>audio/</c> with the tones
/// (caller 440 Hz, callee 1000 Hz, agent 700 Hz; 8 kHz mono S16LE made by sox), <c>rec_*</c> for
/// recordings, and <c>sipp/</c> with <c>uac_rr.xml</c> and the <c>pcap</c> link SIPp's
/// <c>uac_pcap</c> needs. Deleted on dispose unless <c>CC_KEEP_PEER_SCRATCH=1</c>.
/// </summary>
public sealed class PeerScratch : IDisposable
{
    /// <summary>Where SIPp's built-in uac_pcap scenario finds g711a.pcap and dtmf_2833_*.pcap (Debian sip-tester).</summary>
    public const string SipTesterPcapDirectory = "/usr/share/sip-tester";

    private static readonly PeerRole[] Roles = [PeerRole.Caller, PeerRole.Callee, PeerRole.Agent];
    private readonly Lock _gate = new();
    private readonly HashSet<string> _handedOut = new(StringComparer.Ordinal);

    private PeerScratch(string root) => Root = root;

    public string Root { get; }

    public string AudioDirectory => Path.Combine(Root, "audio");

    /// <summary>SIPp's working folder: uac_rr.xml, pcap → /usr/share/sip-tester.</summary>
    public string SippDirectory => Path.Combine(Root, "sipp");

    /// <summary>Where the recipe files were copied with the test build (Peers/baresip, Peers/sipp).</summary>
    public static string TemplateDirectory => Path.Combine(AppContext.BaseDirectory, "Peers");

    /// <summary>Makes the folder, the configs and the tones (needs sox: see <see cref="PeerTools.EnsureInstalled"/>).</summary>
    public static PeerScratch Create()
    {
        PeerTools.EnsureInstalled();
        var root = Path.Combine(Path.GetTempPath(), "cc-peers-" + Guid.NewGuid().ToString("N")[..12]);
        var scratch = new PeerScratch(root);
        try
        {
            scratch.Populate();
        }
        catch
        {
            scratch.Dispose();
            throw;
        }

        return scratch;
    }

    /// <summary>baresip's <c>-f</c> folder for a role (config + accounts; edit them before starting the peer).</summary>
    public string ConfigDirectory(PeerRole role) => Path.Combine(Root, PeerEndpoints.Name(role));

    public string RecordingDirectory(PeerRole role) => Path.Combine(Root, "rec_" + PeerEndpoints.Name(role));

    /// <summary>The file the role's aufile source plays.</summary>
    public string AudioPath(PeerRole role) => Path.Combine(AudioDirectory, PeerEndpoints.Name(role) + ".wav");

    /// <summary>A not-yet-used file name in the scratch root: <c>stem.ext</c>, else <c>stem-2.ext</c>, <c>stem-3.ext</c>, ...</summary>
    public string UniquePath(string stem, string extension)
    {
        lock (_gate)
        {
            var path = Path.Combine(Root, stem + extension);
            for (var n = 2; File.Exists(path) || !_handedOut.Add(path); n++)
            {
                path = Path.Combine(Root, $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}{extension}");
            }

            return path;
        }
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CC_KEEP_PEER_SCRATCH") == "1" || !Directory.Exists(Root))
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A peer still writing its log: the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private void Populate()
    {
        var templates = TemplateDirectory;
        if (!Directory.Exists(Path.Combine(templates, "baresip")))
        {
            throw new DirectoryNotFoundException($"peer recipe files missing under {templates} (are they copied to the test output?)");
        }

        Directory.CreateDirectory(AudioDirectory);
        foreach (var role in Roles)
        {
            var name = PeerEndpoints.Name(role);
            Directory.CreateDirectory(ConfigDirectory(role));
            Directory.CreateDirectory(RecordingDirectory(role));
            foreach (var file in new[] { "config", "accounts" })
            {
                var text = File.ReadAllText(Path.Combine(templates, "baresip", name, file));
                File.WriteAllText(Path.Combine(ConfigDirectory(role), file), text.Replace("@PROBE@", Root, StringComparison.Ordinal));
            }
        }

        Directory.CreateDirectory(SippDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(templates, "sipp")))
        {
            File.Copy(file, Path.Combine(SippDirectory, Path.GetFileName(file)));
        }

        File.CreateSymbolicLink(Path.Combine(SippDirectory, "pcap"), SipTesterPcapDirectory);

        // Same tones as the recipes' setup.sh; long enough for most tests (aufile hangs up at the end).
        PeerTools.SynthesizeTone(AudioPath(PeerRole.Caller), PeerEndpoints.ToneHz(PeerRole.Caller), seconds: 8);
        PeerTools.SynthesizeTone(AudioPath(PeerRole.Callee), PeerEndpoints.ToneHz(PeerRole.Callee), seconds: 20);
        PeerTools.SynthesizeTone(AudioPath(PeerRole.Agent), PeerEndpoints.ToneHz(PeerRole.Agent), seconds: 20);
    }
}
