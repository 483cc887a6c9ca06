using System.Collections.Frozen;

namespace ContactCenter.Sip.Parsing;

/// <summary>Canonical header names, compact forms and which headers are comma-separated lists.</summary>
public static class SipHeaderNames
{
    public const string Accept = "Accept";
    public const string AcceptEncoding = "Accept-Encoding";
    public const string AcceptLanguage = "Accept-Language";
    public const string Allow = "Allow";
    public const string AllowEvents = "Allow-Events";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentDisposition = "Content-Disposition";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLanguage = "Content-Language";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Event = "Event";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string MinSE = "Min-SE";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string Replaces = "Replaces";
    public const string Require = "Require";
    public const string Route = "Route";
    public const string Server = "Server";
    public const string SessionExpires = "Session-Expires";
    public const string Subject = "Subject";
    public const string SubscriptionState = "Subscription-State";
    public const string Supported = "Supported";
    public const string Timestamp = "Timestamp";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string Warning = "Warning";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string Reason = "Reason";

    // RFC 3261 §7.3.3 and §20 compact forms, plus RFC 3515 (r = Refer-To), RFC 3892 (b = Referred-By),
    // RFC 4028 (x = Session-Expires), RFC 3841 (a = Accept-Contact, j = Reject-Contact, d = Request-Disposition),
    // RFC 3265 (o = Event, u = Allow-Events) and RFC 4474 (y = Identity).
    private static readonly FrozenDictionary<char, string> Compact = new Dictionary<char, string>
    {
        ['i'] = CallId,
        ['m'] = Contact,
        ['e'] = ContentEncoding,
        ['l'] = ContentLength,
        ['c'] = ContentType,
        ['f'] = From,
        ['s'] = Subject,
        ['k'] = Supported,
        ['t'] = To,
        ['v'] = Via,
        ['o'] = Event,
        ['u'] = AllowEvents,
        ['r'] = ReferTo,
        ['b'] = ReferredBy,
        ['x'] = SessionExpires,
        ['a'] = "Accept-Contact",
        ['j'] = "Reject-Contact",
        ['d'] = "Request-Disposition",
        ['y'] = "Identity",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> Known = new[]
    {
        Accept, AcceptEncoding, AcceptLanguage, Allow, AllowEvents, Authorization, CallId, Contact,
        ContentDisposition, ContentEncoding, ContentLanguage, ContentLength, ContentType, CSeq, Date,
        Event, Expires, From, MaxForwards, MinSE, ProxyAuthenticate, ProxyAuthorization, ProxyRequire,
        RecordRoute, ReferTo, ReferredBy, Replaces, Require, Route, Server, SessionExpires, Subject,
        SubscriptionState, Supported, Timestamp, To, Unsupported, UserAgent, Via, Warning, WwwAuthenticate,
        Reason, "Accept-Contact", "Reject-Contact", "Request-Disposition", "Identity", "Alert-Info",
        "Call-Info", "Error-Info", "In-Reply-To", "Min-Expires", "MIME-Version", "Organization",
        "Priority", "Reply-To", "Retry-After", "Authentication-Info", "P-Asserted-Identity",
        "Privacy", "RSeq", "RAck", "Path", "Service-Route",
    }.ToFrozenDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownLookup =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    // RFC 3261 §7.3.1: these headers are defined as comma-separated lists and may be split
    // into one field per element without changing the message's meaning.
    private static readonly FrozenSet<string> ListHeaders = new[]
    {
        Via, Route, RecordRoute, Contact, Allow, Supported, Require, ProxyRequire, Unsupported,
        Accept, AcceptEncoding, AcceptLanguage, ContentEncoding,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps compact names (RFC 3261 §7.3.3) to full names and normalises case of well-known names.</summary>
    public static string Canonicalize(string name)
    {
        if (name.Length == 1 && Compact.TryGetValue(char.ToLowerInvariant(name[0]), out var full))
        {
            return full;
        }

        return Known.TryGetValue(name, out var known) ? known : name;
    }

    /// <summary>True when the header is a comma-separated list that the parser splits into one entry per element.</summary>
    public static bool IsList(string canonicalName) => ListHeaders.Contains(canonicalName);

    internal static string Canonicalize(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = (char)(name[0] | 0x20);
            if (Compact.TryGetValue(c, out var full))
            {
                return full;
            }
        }

        Span<char> buffer = stackalloc char[64];
        if (name.Length <= buffer.Length)
        {
            var ascii = true;
            for (var i = 0; i < name.Length; i++)
            {
                if (name[i] >= 0x80)
                {
                    ascii = false;
                    break;
                }

                buffer[i] = (char)name[i];
            }

            if (ascii && KnownLookup.TryGetValue(buffer[..name.Length], out var known))
            {
                return known;
            }
        }

        return System.Text.Encoding.UTF8.GetString(name);
    }
}
