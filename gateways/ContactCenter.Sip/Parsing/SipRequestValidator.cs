using System.Collections.Frozen;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// Semantic checks a UAS makes after a request parsed (RFC 3261 §8.2.1–§8.2.3): method, Require
/// option tags, body type/encoding and Accept. The transport calls <see cref="Validate"/> and
/// answers the returned error statelessly.
/// </summary>
public static class SipRequestValidator
{
    /// <summary>Methods this gateway handles, in Allow order (not a registrar: REGISTER gets 405).</summary>
    public static IReadOnlyList<string> AllowedMethods { get; set; } =
    [
        SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options,
        SipMethods.Info, SipMethods.Update, SipMethods.Refer, SipMethods.Notify,
    ];

    /// <summary>Option tags we honour in Require (RFC 3261 §8.2.2.3); 100rel is deliberately absent.</summary>
    public static FrozenSet<string> SupportedExtensions { get; set; } =
        new[] { "timer" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body media types we process (RFC 3261 §8.2.3).</summary>
    public static FrozenSet<string> AcceptedContentTypes { get; set; } = new[]
    {
        "application/sdp", "application/dtmf-relay", "application/dtmf", "message/sipfrag",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Allow header value advertised with 405 (RFC 3261 §20.5).</summary>
    public static string AllowHeaderValue => string.Join(", ", AllowedMethods);

    /// <summary>Returns the error to answer with, or null when the request may be processed.</summary>
    public static SipParseError? Validate(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;

        // RFC 3261 §17.2.3 / §8.2: an ACK is never answered; CANCEL is matched, not validated.
        if (method == SipMethods.Ack)
        {
            return null;
        }

        // RFC 3261 §8.2.1: known but unsupported method → 405 with Allow; unknown → 501.
        if (!AllowedMethods.Contains(method))
        {
            return SipMethods.IsKnown(method)
                ? new SipParseError(405, "Method Not Allowed", request,
                    [new SipHeader(SipHeaderNames.Allow, AllowHeaderValue)], method + " is not supported")
                : new SipParseError(501, "Not Implemented", request,
                    [new SipHeader(SipHeaderNames.Allow, AllowHeaderValue)], "unknown method " + method);
        }

        if (method == SipMethods.Cancel)
        {
            return null;
        }

        // RFC 3261 §8.2.2.3: unknown option tags in Require → 420 listing them in Unsupported.
        // Proxy-Require is for proxies and is ignored by a UAS.
        List<string>? unsupported = null;
        foreach (var tag in request.Headers.GetAll(SipHeaderNames.Require))
        {
            foreach (var option in SplitTokens(tag))
            {
                if (!SupportedExtensions.Contains(option))
                {
                    unsupported ??= [];
                    if (!unsupported.Contains(option, StringComparer.OrdinalIgnoreCase))
                    {
                        unsupported.Add(option);
                    }
                }
            }
        }

        if (unsupported is not null)
        {
            return new SipParseError(420, "Bad Extension", request,
                [new SipHeader(SipHeaderNames.Unsupported, string.Join(", ", unsupported))],
                "unsupported Require: " + string.Join(", ", unsupported));
        }

        // RFC 3261 §8.2.3: a body we cannot process → 415 with Accept / Accept-Encoding.
        if (request.Body.Length > 0 || request.ContentType is not null)
        {
            var mediaType = request.MediaType;
            if (request.Body.Length > 0 && (mediaType is null || !AcceptedContentTypes.Contains(mediaType)))
            {
                return new SipParseError(415, "Unsupported Media Type", request,
                    [new SipHeader(SipHeaderNames.Accept, string.Join(", ", AcceptedContentTypes.Order(StringComparer.Ordinal)))],
                    "unsupported Content-Type " + (mediaType ?? "(none)"));
            }

            foreach (var encoding in request.Headers.GetAll(SipHeaderNames.ContentEncoding))
            {
                foreach (var coding in SplitTokens(encoding))
                {
                    if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                    {
                        return new SipParseError(415, "Unsupported Media Type", request,
                            [new SipHeader(SipHeaderNames.AcceptEncoding, "identity")],
                            "unsupported Content-Encoding " + coding);
                    }
                }
            }
        }

        // RFC 3261 §21.4.7: an INVITE whose Accept rules out SDP cannot get an answer we can
        // produce → 406 (RFC 4475 §3.3.15).
        if (method == SipMethods.Invite && request.Headers.Contains(SipHeaderNames.Accept) && !AcceptsSdp(request))
        {
            return new SipParseError(406, "Not Acceptable", request, null, "Accept does not allow application/sdp");
        }

        return null;
    }

    private static bool AcceptsSdp(SipRequest request)
    {
        foreach (var value in request.Headers.GetAll(SipHeaderNames.Accept))
        {
            foreach (var range in SipGrammar.SplitList(value))
            {
                var semi = range.IndexOf(';', StringComparison.Ordinal);
                var type = (semi < 0 ? range.AsSpan() : range.AsSpan(0, semi)).Trim(" \t");
                if (type.Equals("application/sdp", StringComparison.OrdinalIgnoreCase) ||
                    type.Equals("application/*", StringComparison.OrdinalIgnoreCase) ||
                    type.Equals("*/*", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> SplitTokens(string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part;
        }
    }
}
