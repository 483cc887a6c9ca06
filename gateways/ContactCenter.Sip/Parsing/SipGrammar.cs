using System.Buffers;
using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>Small lexical helpers for the RFC 3261 §25 grammar.</summary>
internal static class SipGrammar
{
    // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~");

    // RFC 3261 §25.1: unreserved = alphanum / mark
    private const string Unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()";

    // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    internal static readonly SearchValues<char> UserSafe = SearchValues.Create(Unreserved + "&=+$,;?/");

    // password allows unreserved / "&" / "=" / "+" / "$" / ","
    internal static readonly SearchValues<char> PasswordSafe = SearchValues.Create(Unreserved + "&=+$,");

    // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    internal static readonly SearchValues<char> ParamSafe = SearchValues.Create(Unreserved + "[]/:&+$");

    // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
    internal static readonly SearchValues<char> HeaderSafe = SearchValues.Create(Unreserved + "[]/?:+$");

    /// <summary>
    /// Returns a shared string for the handful of names and tokens every message repeats
    /// (parameter names, schemes, transports), avoiding one allocation per occurrence.
    /// </summary>
    public static string Intern(ReadOnlySpan<char> s)
    {
        switch (s.Length)
        {
            case 1 when s[0] == 'q':
                return "q";
            case 2 when s.SequenceEqual("lr"):
                return "lr";
            case 3:
                if (s.SequenceEqual("tag")) return "tag";
                if (s.SequenceEqual("sip")) return "sip";
                if (s.SequenceEqual("tel")) return "tel";
                if (s.SequenceEqual("ttl")) return "ttl";
                if (s.SequenceEqual("SIP")) return "SIP";
                if (s.SequenceEqual("2.0")) return "2.0";
                if (s.SequenceEqual("UDP")) return "UDP";
                if (s.SequenceEqual("TCP")) return "TCP";
                if (s.SequenceEqual("TLS")) return "TLS";
                break;
            case 4:
                if (s.SequenceEqual("user")) return "user";
                if (s.SequenceEqual("sips")) return "sips";
                break;
            case 5:
                if (s.SequenceEqual("rport")) return "rport";
                if (s.SequenceEqual("maddr")) return "maddr";
                if (s.SequenceEqual("phone")) return "phone";
                break;
            case 6:
                if (s.SequenceEqual("branch")) return "branch";
                if (s.SequenceEqual("method")) return "method";
                break;
            case 7:
                if (s.SequenceEqual("expires")) return "expires";
                break;
            case 8:
                if (s.SequenceEqual("received")) return "received";
                break;
            case 9:
                if (s.SequenceEqual("transport")) return "transport";
                break;
        }

        return s.ToString();
    }

    public static bool IsToken(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExcept(TokenChars);

    public static bool IsTokenChar(char c) => TokenChars.Contains(c);

    public static bool IsLws(char c) => c is ' ' or '\t' or '\r' or '\n';

    public static ReadOnlySpan<char> TrimLws(ReadOnlySpan<char> s) => s.Trim(" \t\r\n");

    /// <summary>
    /// Splits at commas that are not inside a quoted string, angle brackets or parentheses
    /// (RFC 3261 §7.3.1); empty elements are skipped.
    /// </summary>
    public static List<string> SplitList(string value)
    {
        var result = new List<string>(2);
        var span = value.AsSpan();
        if (span.IndexOfAny(",\"") < 0)
        {
            var t = TrimLws(span);
            if (!t.IsEmpty)
            {
                result.Add(t.Length == value.Length ? value : t.ToString());
            }

            return result;
        }

        var start = 0;
        var inQuote = false;
        var angle = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (inQuote)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuote = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuote = true;
                    break;
                case '<':
                    angle++;
                    break;
                case '>':
                    if (angle > 0)
                    {
                        angle--;
                    }

                    break;
                case ',' when angle == 0:
                    AddTrimmed(result, span[start..i]);
                    start = i + 1;
                    break;
            }
        }

        AddTrimmed(result, span[start..]);
        return result;

        static void AddTrimmed(List<string> list, ReadOnlySpan<char> part)
        {
            var t = TrimLws(part);
            if (!t.IsEmpty)
            {
                list.Add(t.ToString());
            }
        }
    }

    /// <summary>
    /// Finds the end of a quoted string starting at <paramref name="start"/> (which holds '"');
    /// returns the index of the closing quote or -1 when unbalanced.
    /// </summary>
    public static int FindQuoteEnd(ReadOnlySpan<char> s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes the quotes and quoted-pair escapes of a quoted-string (RFC 3261 §25.1).</summary>
    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        if (quoted.Length >= 2 && quoted[0] == '"' && quoted[^1] == '"')
        {
            quoted = quoted[1..^1];
        }

        if (quoted.IndexOf('\\') < 0)
        {
            return quoted.ToString();
        }

        var sb = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            sb.Append(quoted[i]);
        }

        return sb.ToString();
    }

    /// <summary>Writes a quoted-string, escaping '"' and '\' (RFC 3261 §25.1 quoted-pair).</summary>
    public static void AppendQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }

    /// <summary>
    /// Parses ";name[=value]" parameters (RFC 3261 §25.1 generic-param). Values keep their quotes
    /// so that they serialise back unchanged. Returns false on an empty or non-token name.
    /// </summary>
    public static bool ParseParams(ReadOnlySpan<char> s, IDictionary<string, string?> into, bool strict)
    {
        var ok = true;
        while (!s.IsEmpty)
        {
            s = TrimLws(s);
            if (s.IsEmpty)
            {
                break;
            }

            if (s[0] != ';')
            {
                return false;
            }

            s = s[1..];
            var end = FindParamEnd(s);
            var part = s[..end];
            s = s[end..];
            var eq = part.IndexOf('=');
            ReadOnlySpan<char> name;
            string? value = null;
            if (eq < 0)
            {
                name = TrimLws(part);
            }
            else
            {
                name = TrimLws(part[..eq]);
                value = TrimLws(part[(eq + 1)..]).ToString();
            }

            if (!IsToken(name))
            {
                if (strict || name.IsEmpty)
                {
                    ok = false;
                    continue;
                }
            }

            into[Intern(name)] = value;
        }

        return ok;
    }

    private static int FindParamEnd(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                var q = FindQuoteEnd(s, i);
                if (q < 0)
                {
                    return s.Length;
                }

                i = q;
            }
            else if (s[i] == ';')
            {
                return i;
            }
        }

        return s.Length;
    }

    public static void AppendParams(StringBuilder sb, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            sb.Append(';').Append(name);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
    }

    /// <summary>%HH-unescapes (RFC 3261 §25.1 escaped) as UTF-8; invalid escapes stay literal.</summary>
    public static string Unescape(ReadOnlySpan<char> s)
    {
        var pct = s.IndexOf('%');
        if (pct < 0)
        {
            return Intern(s);
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(s.Length)];
        var n = 0;
        Span<byte> one = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                bytes[n++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes[n++] = (byte)c;
            }
            else
            {
                var len = Encoding.UTF8.GetBytes(s.Slice(i, char.IsHighSurrogate(c) && i + 1 < s.Length ? 2 : 1), one);
                if (char.IsHighSurrogate(c) && i + 1 < s.Length)
                {
                    i++;
                }

                one[..len].CopyTo(bytes.AsSpan(n));
                n += len;
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, n);
    }

    /// <summary>%HH-escapes every character outside <paramref name="safe"/> (UTF-8 bytes).</summary>
    public static void AppendEscaped(StringBuilder sb, string s, SearchValues<char> safe)
    {
        if (!s.AsSpan().ContainsAnyExcept(safe))
        {
            sb.Append(s);
            return;
        }

        Span<byte> buf = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (safe.Contains(c))
            {
                sb.Append(c);
                continue;
            }

            var len = char.IsHighSurrogate(c) && i + 1 < s.Length
                ? Encoding.UTF8.GetBytes(s.AsSpan(i++, 2), buf)
                : Encoding.UTF8.GetBytes(s.AsSpan(i, 1), buf);
            for (var k = 0; k < len; k++)
            {
                sb.Append('%').Append("0123456789ABCDEF"[buf[k] >> 4]).Append("0123456789ABCDEF"[buf[k] & 0xF]);
            }
        }
    }

    public static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Parses a decimal port 0..65535 strictly.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> s, out int port)
    {
        port = 0;
        if (s.IsEmpty || s.Length > 5)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port <= 65535;
    }

    /// <summary>
    /// RFC 3261 §25.1 host = hostname / IPv4address / IPv6reference. Accepts hostnames made of
    /// alphanumerics, '-', '.', '_' (tolerant of underscores seen in the wild).
    /// </summary>
    public static bool IsValidHost(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        if (host[0] == '[')
        {
            return host.Length > 2 && host[^1] == ']' &&
                   System.Net.IPAddress.TryParse(host[1..^1], out var v6) &&
                   v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
