using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1): From, To, Contact,
/// Route, Record-Route, Refer-To ...
/// </summary>
public sealed class NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = new ParameterList<string?>(4);
    }

    private NameAddress(SipUri uri, string? displayName, ParameterList<string?> parameters)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters;
    }

    /// <summary>Display name, unquoted and unescaped; null when absent.</summary>
    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    /// <summary>Header parameters (tag, expires, q ...); values keep quotes when they were quoted.</summary>
    public IDictionary<string, string?> Parameters { get; }

    /// <summary>The tag parameter (RFC 3261 §19.3).</summary>
    public string? Tag
    {
        get => Parameters.TryGetValue("tag", out var t) ? t : null;
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters["tag"] = value;
            }
        }
    }

    public static NameAddress Parse(string text) =>
        TryParse(text, out var value) ? value! : throw new FormatException("Invalid name-addr: " + text);

    public static bool TryParse(string? text, out NameAddress? value)
    {
        value = null;
        if (text is null)
        {
            return false;
        }

        var s = SipGrammar.TrimLws(text.AsSpan());
        if (s.IsEmpty)
        {
            return false;
        }

        string? display = null;
        ReadOnlySpan<char> uriText;
        ReadOnlySpan<char> paramText;
        var lt = -1;
        if (s[0] == '"')
        {
            var q = SipGrammar.FindQuoteEnd(s, 0);
            if (q < 0)
            {
                return false;
            }

            display = SipGrammar.Unquote(s[..(q + 1)]);
            var after = SipGrammar.TrimLws(s[(q + 1)..]);
            if (after.IsEmpty || after[0] != '<')
            {
                return false;
            }

            lt = s.Length - after.Length;
        }
        else
        {
            lt = s.IndexOf('<');
            if (lt >= 0)
            {
                // RFC 3261 §25.1: display-name = *(token LWS) / quoted-string
                var name = SipGrammar.TrimLws(s[..lt]);
                foreach (var c in name)
                {
                    if (!(SipGrammar.IsTokenChar(c) || SipGrammar.IsLws(c)))
                    {
                        return false;
                    }
                }

                display = name.IsEmpty ? null : CollapseLws(name);
            }
        }

        if (lt >= 0)
        {
            var gt = s[lt..].IndexOf('>');
            if (gt < 0)
            {
                return false;
            }

            gt += lt;
            uriText = s[(lt + 1)..gt];
            if (uriText.IsEmpty || SipGrammar.IsLws(uriText[0]) || SipGrammar.IsLws(uriText[^1]))
            {
                // RFC 3261 §25.1: no LWS inside LAQUOT/RAQUOT (RFC 4475 §3.1.2.14).
                return false;
            }
            paramText = s[(gt + 1)..];
        }
        else
        {
            // addr-spec form: the URI cannot contain ';' (RFC 3261 §20.10), so ';' starts header params.
            var semi = s.IndexOf(';');
            uriText = semi < 0 ? s : s[..semi];
            paramText = semi < 0 ? [] : s[semi..];
            uriText = SipGrammar.TrimLws(uriText);
            if (uriText.ContainsAny(" \t,\"") )
            {
                return false;
            }
        }

        if (!SipUri.TryParse(uriText, out var uri))
        {
            return false;
        }

        var parameters = new ParameterList<string?>(4);
        if (!SipGrammar.ParseParams(paramText, parameters, strict: true))
        {
            return false;
        }

        value = new NameAddress(uri!, display, parameters);
        return true;
    }

    private static string CollapseLws(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAny("\t\r\n") < 0 && s.IndexOf("  ") < 0)
        {
            return s.ToString();
        }

        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (SipGrammar.IsLws(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Deep copy.</summary>
    public NameAddress Clone()
    {
        var copy = new NameAddress(Uri, DisplayName);
        foreach (var (k, v) in Parameters)
        {
            copy.Parameters[k] = v;
        }

        return copy;
    }

    /// <summary>Always the name-addr form "display" &lt;uri&gt;;params (RFC 3261 §20.10).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(96);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            SipGrammar.AppendQuoted(sb, DisplayName);
            sb.Append(' ');
        }

        sb.Append('<');
        Uri.AppendTo(sb);
        sb.Append('>');
        SipGrammar.AppendParams(sb, Parameters);
        return sb.ToString();
    }
}
