using System.Buffers;
using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// A SIP/SIPS URI (RFC 3261 §19.1), a tel URI (RFC 3966) or any other absolute URI kept opaque.
/// Immutable: use <c>with</c> or the With* helpers. User, password, parameter and header values
/// are stored %-unescaped and re-escaped by <see cref="ToString"/>.
/// </summary>
public sealed record SipUri
{
    private static readonly IReadOnlyDictionary<string, string?> NoParameters = ParameterList<string?>.Empty;

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = ParameterList<string>.Empty;

    private static readonly SearchValues<char> HostEnd = SearchValues.Create(":;?");

    // RFC 3261 §25.1: LWS, angle brackets and quotes never appear unescaped in a URI.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(" \t\r\n<>\"");

    public SipUri(string scheme, string? user, string host, int? port = null,
        IReadOnlyDictionary<string, string?>? parameters = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        Scheme = scheme is "sip" or "sips" or "tel" ? scheme : scheme.ToLowerInvariant();
        User = user;
        Host = host;
        Port = port;
        Parameters = parameters ?? NoParameters;
        Headers = headers ?? NoHeaders;
    }

    /// <summary>Lower-case scheme: "sip", "sips", "tel", or another absolute-URI scheme.</summary>
    public string Scheme { get; init; }

    /// <summary>Unescaped user part (for tel URIs: the telephone-subscriber number).</summary>
    public string? User { get; init; }

    /// <summary>Unescaped password of the userinfo (RFC 3261 §19.1.1 discourages it; kept for fidelity).</summary>
    public string? Password { get; init; }

    /// <summary>Host as written (IPv6 references keep their brackets); empty for tel and opaque URIs.</summary>
    public string Host { get; init; }

    public int? Port { get; init; }

    /// <summary>URI parameters, unescaped, case-insensitive names, in written order.</summary>
    public IReadOnlyDictionary<string, string?> Parameters
    {
        get;
        init => field = value is ParameterList<string?> { IsReadOnly: true } list ? list : Freeze(value);
    }

    /// <summary>URI headers (the "?h=v&amp;..." part), unescaped.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get;
        init => field = value is ParameterList<string> { IsReadOnly: true } list ? list : Freeze(value);
    }

    // Copies caller-supplied dictionaries so names compare case-insensitively and stay immutable.
    private static ParameterList<T> Freeze<T>(IReadOnlyDictionary<string, T>? source)
    {
        if (source is null || source.Count == 0)
        {
            return ParameterList<T>.Empty;
        }

        var list = new ParameterList<T>(source.Count);
        foreach (var (k, v) in source)
        {
            list.TryAdd(k, v);
        }

        return list.AsReadOnly();
    }

    /// <summary>For schemes other than sip, sips and tel: everything after "scheme:".</summary>
    public string? Opaque { get; init; }

    public bool IsSip => Scheme is "sip" or "sips";

    public bool IsSecure => Scheme == "sips";

    /// <summary>The transport parameter, lower-cased, or null.</summary>
    public string? Transport => Parameters.TryGetValue("transport", out var t) ? t?.ToLowerInvariant() : null;

    /// <summary>True when the URI carries the loose-routing "lr" parameter (RFC 3261 §19.1.1).</summary>
    public bool IsLooseRouter => Parameters.ContainsKey("lr");

    /// <summary>"host" or "host:port" as written in the URI.</summary>
    public string HostPort => Port is { } p ? Host + ":" + p.ToString() : Host;

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri! : throw new FormatException("Invalid URI: " + text);

    public static bool TryParse(string? text, out SipUri? uri)
    {
        uri = null;
        return text is not null && TryParse(text.AsSpan(), out uri);
    }

    internal static bool TryParse(ReadOnlySpan<char> text, out SipUri? uri)
    {
        uri = null;
        var s = SipGrammar.TrimLws(text);
        var colon = s.IndexOf(':');
        if (colon <= 0 || !IsScheme(s[..colon]))
        {
            return false;
        }

        Span<char> lower = stackalloc char[Math.Min(colon, 32)];
        var scheme = colon <= 32 && s[..colon].ToLowerInvariant(lower) == colon
            ? SipGrammar.Intern(lower)
            : s[..colon].ToString().ToLowerInvariant();
        var rest = s[(colon + 1)..];
        if (rest.IsEmpty || rest.ContainsAny(Forbidden))
        {
            return false;
        }

        return scheme switch
        {
            "sip" or "sips" => TryParseSip(scheme, rest, out uri),
            "tel" => TryParseTel(rest, out uri),
            _ => TryParseOpaque(scheme, rest, out uri),
        };
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        // RFC 3261 §25.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (!char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        string? user = null;
        string? password = null;

        // RFC 3261 §19.1.1: '@' cannot appear unescaped in userinfo, so the first one ends it.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            rest = rest[(at + 1)..];
            var pw = userinfo.IndexOf(':');
            var userPart = pw >= 0 ? userinfo[..pw] : userinfo;
            if (userPart.IsEmpty)
            {
                return false;
            }

            user = SipGrammar.Unescape(userPart);
            if (pw >= 0)
            {
                password = SipGrammar.Unescape(userinfo[(pw + 1)..]);
            }
        }

        // hostport
        int hostEnd;
        if (!rest.IsEmpty && rest[0] == '[')
        {
            hostEnd = rest.IndexOf(']');
            if (hostEnd < 0)
            {
                return false;
            }

            hostEnd++;
        }
        else
        {
            hostEnd = rest.IndexOfAny(HostEnd);
            if (hostEnd < 0)
            {
                hostEnd = rest.Length;
            }
        }

        var host = rest[..hostEnd];
        if (!SipGrammar.IsValidHost(host))
        {
            return false;
        }

        rest = rest[hostEnd..];
        int? port = null;
        if (!rest.IsEmpty && rest[0] == ':')
        {
            var portEnd = rest.IndexOfAny(";?");
            if (portEnd < 0)
            {
                portEnd = rest.Length;
            }

            if (!SipGrammar.TryParsePort(rest[1..portEnd], out var p))
            {
                return false;
            }

            port = p;
            rest = rest[portEnd..];
        }

        if (!TryParseParamsAndHeaders(rest, out var parameters, out var headers))
        {
            return false;
        }

        uri = new SipUri(scheme, user, host.ToString(), port, parameters, headers) { Password = password };
        return true;
    }

    private static bool TryParseTel(ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        var semi = rest.IndexOf(';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.IsEmpty || !TryParseParamsAndHeaders(semi < 0 ? [] : rest[semi..], out var parameters, out var headers))
        {
            return false;
        }

        uri = new SipUri("tel", SipGrammar.Unescape(number), string.Empty, null, parameters, headers);
        return true;
    }

    private static bool TryParseOpaque(string scheme, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = new SipUri(scheme, null, string.Empty) { Opaque = rest.ToString() };
        return true;
    }

    private static bool TryParseParamsAndHeaders(ReadOnlySpan<char> rest,
        out IReadOnlyDictionary<string, string?>? parameters, out IReadOnlyDictionary<string, string>? headers)
    {
        parameters = null;
        headers = null;
        var q = rest.IndexOf('?');
        var paramPart = q >= 0 ? rest[..q] : rest;
        if (!paramPart.IsEmpty)
        {
            if (paramPart[0] != ';')
            {
                return false;
            }

            var dict = new ParameterList<string?>(4);
            foreach (var range in paramPart[1..].Split(';'))
            {
                var p = paramPart[1..][range];
                if (p.IsEmpty)
                {
                    continue;
                }

                var eq = p.IndexOf('=');
                var name = SipGrammar.Unescape(eq < 0 ? p : p[..eq]);
                if (name.Length == 0)
                {
                    return false;
                }

                // RFC 3261 §19.1.4: a URI with the same parameter twice is not well defined; keep the first.
                dict.TryAdd(name, eq < 0 ? null : SipGrammar.Unescape(p[(eq + 1)..]));
            }

            parameters = dict.AsReadOnly();
        }

        if (q >= 0)
        {
            var headerPart = rest[(q + 1)..];
            var dict = new ParameterList<string>(2);
            foreach (var range in headerPart.Split('&'))
            {
                var h = headerPart[range];
                if (h.IsEmpty)
                {
                    continue;
                }

                var eq = h.IndexOf('=');
                var name = SipGrammar.Unescape(eq < 0 ? h : h[..eq]);
                dict.TryAdd(name, eq < 0 ? string.Empty : SipGrammar.Unescape(h[(eq + 1)..]));
            }

            headers = dict.AsReadOnly();
        }

        return true;
    }

    /// <summary>Copy with a parameter added or replaced (null value = flag parameter such as "lr").</summary>
    public SipUri WithParameter(string name, string? value)
    {
        var dict = new ParameterList<string?>(Parameters.Count + 1);
        foreach (var (k, v) in Parameters)
        {
            dict[k] = v;
        }

        dict[name] = value;
        return this with { Parameters = dict.AsReadOnly() };
    }

    /// <summary>Copy without the named parameter.</summary>
    public SipUri WithoutParameter(string name)
    {
        if (!Parameters.ContainsKey(name))
        {
            return this;
        }

        var dict = new ParameterList<string?>(Parameters.Count);
        foreach (var (k, v) in Parameters)
        {
            if (!string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            {
                dict[k] = v;
            }
        }

        return this with { Parameters = dict.AsReadOnly() };
    }

    /// <summary>Copy without URI headers (RFC 3261 §12.1.1 strips them from remote targets in some uses).</summary>
    public SipUri WithoutHeaders() => Headers.Count == 0 ? this : this with { Headers = NoHeaders };

    public SipUri WithUser(string? user) => this with { User = user };

    public SipUri WithHost(string host, int? port = null) => this with { Host = host, Port = port };

    public override string ToString()
    {
        var sb = new StringBuilder(64);
        AppendTo(sb);
        return sb.ToString();
    }

    internal void AppendTo(StringBuilder sb)
    {
        sb.Append(Scheme).Append(':');
        if (Opaque is not null)
        {
            sb.Append(Opaque);
            return;
        }

        if (Scheme == "tel")
        {
            SipGrammar.AppendEscaped(sb, User ?? string.Empty, SipGrammar.UserSafe);
        }
        else
        {
            if (User is not null)
            {
                SipGrammar.AppendEscaped(sb, User, SipGrammar.UserSafe);
                if (Password is not null)
                {
                    sb.Append(':');
                    SipGrammar.AppendEscaped(sb, Password, SipGrammar.PasswordSafe);
                }

                sb.Append('@');
            }

            sb.Append(Host);
            if (Port is { } port)
            {
                sb.Append(':').Append(port);
            }
        }

        foreach (var (name, value) in Parameters)
        {
            sb.Append(';');
            SipGrammar.AppendEscaped(sb, name, SipGrammar.ParamSafe);
            if (value is not null)
            {
                sb.Append('=');
                SipGrammar.AppendEscaped(sb, value, SipGrammar.ParamSafe);
            }
        }

        var first = true;
        foreach (var (name, value) in Headers)
        {
            sb.Append(first ? '?' : '&');
            first = false;
            SipGrammar.AppendEscaped(sb, name, SipGrammar.HeaderSafe);
            sb.Append('=');
            SipGrammar.AppendEscaped(sb, value, SipGrammar.HeaderSafe);
        }
    }

    /// <summary>URI comparison per RFC 3261 §19.1.4.</summary>
    public bool Equals(SipUri? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Scheme != other.Scheme)
        {
            return false;
        }

        if (Opaque is not null || other.Opaque is not null)
        {
            return string.Equals(Opaque, other.Opaque, StringComparison.OrdinalIgnoreCase);
        }

        // userinfo is case-sensitive; host is not; a missing port differs from an explicit default.
        if (!string.Equals(User, other.User, StringComparison.Ordinal) ||
            !string.Equals(Password, other.Password, StringComparison.Ordinal) ||
            !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) ||
            Port != other.Port)
        {
            return false;
        }

        if (!ParametersMatch(Parameters, other.Parameters) || !ParametersMatch(other.Parameters, Parameters))
        {
            return false;
        }

        // Header components must be present in both and match.
        if (Headers.Count != other.Headers.Count)
        {
            return false;
        }

        foreach (var (name, value) in Headers)
        {
            if (!other.Headers.TryGetValue(name, out var v) || !string.Equals(value, v, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParametersMatch(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b)
    {
        foreach (var (name, value) in a)
        {
            if (b.TryGetValue(name, out var other))
            {
                if (!string.Equals(value, other, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            else if (name.Equals("user", StringComparison.OrdinalIgnoreCase) ||
                     name.Equals("ttl", StringComparison.OrdinalIgnoreCase) ||
                     name.Equals("method", StringComparison.OrdinalIgnoreCase) ||
                     name.Equals("maddr", StringComparison.OrdinalIgnoreCase) ||
                     name.Equals("transport", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 3261 §19.1.4: these must appear in both URIs to match.
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => HashCode.Combine(
        Scheme,
        User is null ? 0 : StringComparer.Ordinal.GetHashCode(User),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Host),
        Port);
}
