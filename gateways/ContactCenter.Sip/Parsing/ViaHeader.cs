using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>One Via entry (RFC 3261 §20.42, §18.2.1; rport per RFC 3581).</summary>
public sealed class ViaHeader
{
    /// <summary>RFC 3261 §8.1.1.7: branch IDs of compliant elements start with this magic cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    private static readonly SearchValues<char> HostEnd = SearchValues.Create(":; \t\r\n");

    public ViaHeader(string transport, string host, int? port = null, string? branch = null)
    {
        Transport = transport is "UDP" or "TCP" or "TLS" ? transport : transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = new ParameterList<string?>(4);
        if (branch is not null)
        {
            Branch = branch;
        }
    }

    public string ProtocolName { get; set; } = "SIP";

    public string ProtocolVersion { get; set; } = "2.0";

    /// <summary>Upper-case transport token: UDP, TCP, TLS, SCTP, WS ...</summary>
    public string Transport { get; set; }

    /// <summary>sent-by host (IPv6 references keep brackets).</summary>
    public string Host { get; set; }

    /// <summary>sent-by port, null when absent.</summary>
    public int? Port { get; set; }

    /// <summary>Via parameters in order; names case-insensitive; flag parameters have null values.</summary>
    public IDictionary<string, string?> Parameters { get; }

    public string? Branch
    {
        get => Get("branch");
        set => SetOrRemove("branch", value);
    }

    /// <summary>received parameter (RFC 3261 §18.2.1).</summary>
    public string? Received
    {
        get => Get("received");
        set => SetOrRemove("received", value);
    }

    public string? MAddr => Get("maddr");

    /// <summary>True when the rport parameter is present, with or without a value (RFC 3581 §3).</summary>
    public bool HasRport => Parameters.ContainsKey("rport");

    /// <summary>rport value (RFC 3581 §4); setting null leaves a bare "rport" flag only if one was there.</summary>
    public int? Rport
    {
        get => Parameters.TryGetValue("rport", out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        set
        {
            if (value is { } p)
            {
                Parameters["rport"] = p.ToString(CultureInfo.InvariantCulture);
            }
            else if (HasRport)
            {
                Parameters["rport"] = null;
            }
        }
    }

    /// <summary>True when the branch carries the RFC 3261 magic cookie.</summary>
    /// <summary>
    /// A fresh branch for a new transaction: the magic cookie (RFC 3261 §8.1.1.7) plus 80 random bits,
    /// so peers match our transactions by it.
    /// </summary>
    public static string NewBranch() => MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public bool IsRfc3261Branch => Branch?.StartsWith(MagicCookie, StringComparison.Ordinal) == true;

    /// <summary>"host[:port]" as sent.</summary>
    public string SentBy => Port is { } p ? Host + ":" + p.ToString(CultureInfo.InvariantCulture) : Host;

    private string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            Parameters.Remove(name);
        }
        else
        {
            Parameters[name] = value;
        }
    }

    public static ViaHeader Parse(string text) =>
        TryParse(text, out var value) ? value! : throw new FormatException("Invalid Via: " + text);

    /// <summary>
    /// Parses one via-parm: sent-protocol LWS sent-by *(SEMI via-params) (RFC 3261 §25.1).
    /// Tolerant: empty parameters (";;") are skipped.
    /// </summary>
    public static bool TryParse(string? text, out ViaHeader? value) => TryParse(text, out value, out _);

    /// <summary>As <see cref="TryParse(string?, out ViaHeader?)"/>; <paramref name="wellFormed"/> is false when the grammar was bent.</summary>
    internal static bool TryParse(string? text, out ViaHeader? value, out bool wellFormed)
    {
        value = null;
        wellFormed = false;
        if (text is null)
        {
            return false;
        }

        var s = SipGrammar.TrimLws(text.AsSpan());

        // sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS
        if (!NextToken(ref s, out var name) || !Slash(ref s) ||
            !NextToken(ref s, out var version) || !Slash(ref s) ||
            !NextToken(ref s, out var transport))
        {
            return false;
        }

        if (s.IsEmpty || !SipGrammar.IsLws(s[0]))
        {
            return false;
        }

        s = SipGrammar.TrimLws(s);

        // sent-by = host [ COLON port ]
        int hostEnd;
        if (!s.IsEmpty && s[0] == '[')
        {
            hostEnd = s.IndexOf(']');
            if (hostEnd < 0)
            {
                return false;
            }

            hostEnd++;
        }
        else
        {
            hostEnd = s.IndexOfAny(HostEnd);
            if (hostEnd < 0)
            {
                hostEnd = s.Length;
            }
        }

        var host = s[..hostEnd];
        if (!SipGrammar.IsValidHost(host))
        {
            return false;
        }

        s = SipGrammar.TrimLws(s[hostEnd..]);
        int? port = null;
        if (!s.IsEmpty && s[0] == ':')
        {
            s = SipGrammar.TrimLws(s[1..]);
            var end = s.IndexOfAny("; \t\r\n");
            if (end < 0)
            {
                end = s.Length;
            }

            if (!SipGrammar.TryParsePort(s[..end], out var p))
            {
                return false;
            }

            port = p;
            s = s[end..];
        }

        var via = new ViaHeader(SipGrammar.Intern(transport), host.ToString(), port)
        {
            ProtocolName = SipGrammar.Intern(name),
            ProtocolVersion = SipGrammar.Intern(version),
        };
        wellFormed = SipGrammar.ParseParams(s, via.Parameters, strict: true);
        value = via;
        return true;
    }

    private static bool NextToken(ref ReadOnlySpan<char> s, out ReadOnlySpan<char> token)
    {
        s = SipGrammar.TrimLws(s);
        var i = 0;
        while (i < s.Length && SipGrammar.IsTokenChar(s[i]))
        {
            i++;
        }

        token = s[..i];
        s = s[i..];
        return i > 0;
    }

    private static bool Slash(ref ReadOnlySpan<char> s)
    {
        s = SipGrammar.TrimLws(s);
        if (s.IsEmpty || s[0] != '/')
        {
            return false;
        }

        s = s[1..];
        return true;
    }

    /// <summary>Deep copy.</summary>
    public ViaHeader Clone()
    {
        var copy = new ViaHeader(Transport, Host, Port) { ProtocolName = ProtocolName, ProtocolVersion = ProtocolVersion };
        foreach (var (k, v) in Parameters)
        {
            copy.Parameters[k] = v;
        }

        return copy;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(96);
        sb.Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } p)
        {
            sb.Append(':').Append(p);
        }

        SipGrammar.AppendParams(sb, Parameters);
        return sb.ToString();
    }
}
