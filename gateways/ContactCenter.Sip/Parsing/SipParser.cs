using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// Tolerant RFC 3261 (§7, §25) message parser for one datagram or one framed stream message.
/// Never throws: every input ends as a message, an answerable error or a drop (RFC 4475 §3.1.2, §3.3).
/// </summary>
public static class SipParser
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';
    private const byte SP = (byte)' ';
    private const byte HT = (byte)'\t';

    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);

    /// <summary>Request-URI schemes this gateway serves; anything else gets 416 (RFC 3261 §8.2.2.1).</summary>
    public static FrozenSet<string> SupportedUriSchemes { get; set; } =
        new[] { "sip", "sips", "tel" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Header fields that RFC 3261 §7.3.1 does not allow to repeat (not comma-list headers).
    [Flags]
    private enum Singles
    {
        None = 0,
        CallId = 1,
        CSeq = 2,
        From = 4,
        To = 8,
        MaxForwards = 16,
        ContentLength = 32,
        ContentType = 64,
        Expires = 128,
    }

    /// <summary>Parses one whole UDP datagram (RFC 3261 §18.3: Content-Length optional; extra bytes discarded).</summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> data) => Parse(data, datagram: true);

    /// <summary>
    /// Parses one message. <paramref name="datagram"/> false means a message framed from a stream
    /// (RFC 3261 §18.3: Content-Length is then mandatory).
    /// </summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> data, bool datagram)
    {
        try
        {
            return ParseCore(data, datagram, headOnly: false);
        }
#pragma warning disable CA1031 // Bad input must never take the transport down (RFC 4475 §1: parsers must not break).
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return SipParseResult.Dropped("parser fault: " + ex.GetType().Name);
        }
    }

    /// <summary>
    /// Best-effort request from a header section alone (body ignored), used to answer a stream
    /// message that cannot be framed (413 / 400). Null when the head is not an answerable request.
    /// </summary>
    internal static SipRequest? ParseAnswerableHead(ReadOnlySpan<byte> head)
    {
        try
        {
            var result = ParseCore(head, datagram: true, headOnly: true);
            var request = result.Message as SipRequest ?? result.Error?.Request;
            return request is null || request.Method == SipMethods.Ack ? null : request;
        }
#pragma warning disable CA1031 // Same boundary as Parse: never throw on input.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static SipParseResult ParseCore(ReadOnlySpan<byte> data, bool datagram, bool headOnly)
    {
        // RFC 3261 §7.5: ignore CRLFs preceding the start line (also RFC 5626 §3.5.1 keep-alives).
        var pos = 0;
        while (pos < data.Length && data[pos] is CR or LF)
        {
            pos++;
        }

        if (pos == data.Length)
        {
            return SipParseResult.Dropped("empty or keep-alive");
        }

        if (data.Length > SipLimits.MaxMessageBytes && !headOnly)
        {
            return SipParseResult.Dropped("message larger than " + SipLimits.MaxMessageBytes.ToString() + " bytes");
        }

        // Start line.
        var nl = data[pos..].IndexOf(LF);
        var startLine = nl < 0 ? data[pos..] : data.Slice(pos, nl);
        pos = nl < 0 ? data.Length : pos + nl + 1;
        startLine = TrimTrailingCr(startLine);

        // Header section (RFC 3261 §7.3): lines up to the first empty line; a line starting with
        // SP/HT continues the previous one (§7.3.1 folding).
        var headers = new SipHeaderCollection();
        string? syntaxError = null;
        var singles = Singles.None;
        var bodyStart = -1;
        var nameStart = -1;
        var nameEnd = -1;
        var valueStart = -1;
        var valueEnd = -1;
        var folded = false;
        while (pos < data.Length)
        {
            var rel = data[pos..].IndexOf(LF);
            var lineEnd = rel < 0 ? data.Length : pos + rel;
            var line = TrimTrailingCr(data[pos..lineEnd]);
            if (line.IsEmpty)
            {
                bodyStart = Math.Min(lineEnd + 1, data.Length);
                break;
            }

            if (line[0] is SP or HT)
            {
                if (nameStart < 0)
                {
                    syntaxError ??= "continuation line without a header";
                }
                else
                {
                    valueEnd = pos + line.Length;
                    folded = true;
                }
            }
            else
            {
                if (nameStart >= 0)
                {
                    FlushHeader(data, nameStart, nameEnd, valueStart, valueEnd, folded, headers, ref singles, ref syntaxError);
                }

                nameStart = -1;
                folded = false;
                var colon = line.IndexOf((byte)':');
                if (colon < 0)
                {
                    syntaxError ??= "header line without a colon";
                }
                else
                {
                    // RFC 3261 §25.1: HCOLON = *( SP / HTAB ) ":" SWS
                    var name = line[..colon].TrimEnd(" \t"u8);
                    if (!IsToken(name))
                    {
                        syntaxError ??= "malformed header name";
                    }
                    else
                    {
                        nameStart = pos;
                        nameEnd = pos + name.Length;
                        valueStart = pos + colon + 1;
                        valueEnd = pos + line.Length;
                    }
                }
            }

            pos = lineEnd + 1;
        }

        if (nameStart >= 0)
        {
            FlushHeader(data, nameStart, nameEnd, valueStart, valueEnd, folded, headers, ref singles, ref syntaxError);
        }

        if (bodyStart < 0)
        {
            // No empty line: tolerated as "headers run to the end", there is no body.
            bodyStart = data.Length;
        }

        if (headers.Count > SipLimits.MaxHeaderCount)
        {
            return SipParseResult.Dropped("too many header fields");
        }

        if (startLine.Length >= 4 && Ascii.EqualsIgnoreCase(startLine[..4], "SIP/"u8))
        {
            return ParseResponse(startLine, headers, headOnly ? [] : data[bodyStart..], syntaxError, singles, datagram, headOnly);
        }

        return ParseRequest(startLine, headers, headOnly ? [] : data[bodyStart..], syntaxError, singles, datagram, headOnly);
    }

    private static ReadOnlySpan<byte> TrimTrailingCr(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == CR ? line[..^1] : line;

    private static bool IsToken(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (b >= 0x80 || !SipGrammar.IsTokenChar((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static void FlushHeader(ReadOnlySpan<byte> data, int nameStart, int nameEnd, int valueStart, int valueEnd,
        bool folded, SipHeaderCollection headers, ref Singles singles, ref string? syntaxError)
    {
        var name = SipHeaderNames.Canonicalize(data[nameStart..nameEnd]);
        var raw = data[valueStart..valueEnd].Trim(" \t\r\n"u8);
        string value;
        if (raw.IsEmpty)
        {
            value = string.Empty;
        }
        else if (!folded)
        {
            value = Encoding.UTF8.GetString(raw);
        }
        else
        {
            // RFC 3261 §7.3.1: a folded line (CRLF + WSP) is equivalent to a single SP.
            value = Unfold(raw);
        }

        var single = name switch
        {
            SipHeaderNames.CallId => Singles.CallId,
            SipHeaderNames.CSeq => Singles.CSeq,
            SipHeaderNames.From => Singles.From,
            SipHeaderNames.To => Singles.To,
            SipHeaderNames.MaxForwards => Singles.MaxForwards,
            SipHeaderNames.ContentLength => Singles.ContentLength,
            SipHeaderNames.ContentType => Singles.ContentType,
            SipHeaderNames.Expires => Singles.Expires,
            _ => Singles.None,
        };
        if (single != Singles.None)
        {
            if ((singles & single) != 0)
            {
                // RFC 4475 §3.3.8 / §3.3.9: repeated single-value fields make the message malformed.
                syntaxError ??= "repeated " + name + " header";
            }

            singles |= single;
        }

        if (SipHeaderNames.IsList(name) && value.AsSpan().IndexOf(',') >= 0)
        {
            var parts = SipGrammar.SplitList(value);
            if (parts.Count == 0)
            {
                syntaxError ??= "empty " + name + " list";
            }

            if (value.AsSpan().TrimEnd(" \t").EndsWith(',') || HasEmptyElement(value))
            {
                // RFC 4475 §3.1.2.1: separators without values are a syntax error.
                syntaxError ??= "empty element in " + name + " list";
            }

            foreach (var part in parts)
            {
                headers.AddCanonical(name, part);
            }

            return;
        }

        headers.AddCanonical(name, value);
    }

    private static bool HasEmptyElement(string value)
    {
        var span = value.AsSpan();
        var inQuote = false;
        var angle = 0;
        var sawContent = false;
        foreach (var c in span)
        {
            if (inQuote)
            {
                if (c == '"')
                {
                    inQuote = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuote = true;
                    sawContent = true;
                    break;
                case '<':
                    angle++;
                    sawContent = true;
                    break;
                case '>':
                    angle = Math.Max(0, angle - 1);
                    break;
                case ',' when angle == 0:
                    if (!sawContent)
                    {
                        return true;
                    }

                    sawContent = false;
                    break;
                case ' ' or '\t':
                    break;
                default:
                    sawContent = true;
                    break;
            }
        }

        return false;
    }

    private static string Unfold(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                // Swallow the line break and the following whitespace; keep exactly one SP.
                while (sb.Length > 0 && sb[^1] is ' ' or '\t')
                {
                    sb.Length--;
                }

                while (i + 1 < text.Length && text[i + 1] is '\r' or '\n' or ' ' or '\t')
                {
                    i++;
                }

                sb.Append(' ');
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static SipParseResult ParseResponse(ReadOnlySpan<byte> startLine, SipHeaderCollection headers,
        ReadOnlySpan<byte> rest, string? syntaxError, Singles singles, bool datagram, bool headOnly)
    {
        // RFC 3261 §7.2: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF.
        // Bad responses are never answered (RFC 4475 §3.1.2.5, §3.1.2.19): drop.
        var sp = startLine.IndexOf(SP);
        if (sp < 0)
        {
            return SipParseResult.Dropped("status line without status code");
        }

        if (!Ascii.EqualsIgnoreCase(startLine[..sp], "SIP/2.0"u8))
        {
            return SipParseResult.Dropped("unsupported SIP version in response");
        }

        var afterVersion = startLine[(sp + 1)..].TrimStart(SP);
        var codeEnd = afterVersion.IndexOf(SP);
        var codeBytes = codeEnd < 0 ? afterVersion : afterVersion[..codeEnd];
        if (codeBytes.Length != 3 || !Utf8Parser.TryParse(codeBytes, out int code, out var consumed) ||
            consumed != 3 || code is < 100 or > 699)
        {
            return SipParseResult.Dropped("malformed status code");
        }

        var reason = codeEnd < 0 ? string.Empty : Encoding.UTF8.GetString(afterVersion[(codeEnd + 1)..].Trim(" \t"u8));
        if (syntaxError is not null)
        {
            return SipParseResult.Dropped(syntaxError);
        }

        var response = new SipResponse(code, reason) { Headers = headers };
        var problem = CheckCommonHeaders(response, singles) ?? (headOnly ? null : FrameBody(response, headers, rest, datagram));
        if (problem is not null)
        {
            return SipParseResult.Dropped(problem);
        }

        if (response.Vias.Count == 0)
        {
            return SipParseResult.Dropped("response without Via");
        }

        return SipParseResult.Success(response);
    }

    private static SipParseResult ParseRequest(ReadOnlySpan<byte> startLine, SipHeaderCollection headers,
        ReadOnlySpan<byte> rest, string? syntaxError, Singles singles, bool datagram, bool headOnly)
    {
        // RFC 3261 §7.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF. Runs of SP and
        // trailing SP are tolerated (RFC 4475 §3.1.2.9, §3.1.2.10 allow liberal parsing); LWS inside
        // the Request-URI is not (§3.1.2.8).
        Span<Range> parts = stackalloc Range[4];
        var count = SplitBySpaces(startLine, parts);
        string? lineError = null;
        string method = "UNKNOWN";
        SipUri? uri = null;
        var version = "SIP/2.0";
        var versionError = false;
        if (count != 3)
        {
            lineError = "malformed request line";
        }

        if (count >= 1)
        {
            var m = startLine[parts[0]];
            if (IsToken(m))
            {
                method = SipMethods.FromBytes(m) ?? Encoding.ASCII.GetString(m);
            }
            else
            {
                lineError ??= "malformed method";
            }
        }

        if (count == 3)
        {
            var uriText = Encoding.UTF8.GetString(startLine[parts[1]]);
            if (!SipUri.TryParse(uriText, out uri))
            {
                lineError ??= "malformed Request-URI";
            }

            var v = startLine[parts[2]];
            if (!Ascii.EqualsIgnoreCase(v, "SIP/2.0"u8))
            {
                if (v.Length > 4 && Ascii.EqualsIgnoreCase(v[..4], "SIP/"u8))
                {
                    // RFC 3261 §21.5.6 505 Version Not Supported (RFC 4475 §3.1.2.16).
                    versionError = true;
                    version = Encoding.ASCII.GetString(v);
                }
                else
                {
                    lineError ??= "malformed SIP-Version";
                }
            }
        }

        var request = new SipRequest(method, uri ?? new SipUri("sip", null, "invalid")) { Headers = headers };

        // A request can only be answered through its top Via (RFC 3261 §18.2.2); no usable
        // Via means nowhere to send a response. ACKs are never answered (RFC 3261 §17.2.3).
        var topVia = FirstVia(headers, out var topViaIndex);
        if (topVia is null)
        {
            return SipParseResult.Dropped("request without a usable Via");
        }

        if (versionError)
        {
            return Fail(505, "Version Not Supported", "SIP version " + version);
        }

        if (lineError is not null)
        {
            return Fail(400, "Bad Request", lineError);
        }

        if (syntaxError is not null)
        {
            return Fail(400, "Bad Request", syntaxError);
        }

        var problem = CheckCommonHeaders(request, singles) ?? (headOnly ? null : FrameBody(request, headers, rest, datagram));
        if (problem is not null)
        {
            return Fail(400, "Bad Request", problem);
        }

        var cseq = request.CSeq!;
        if (!string.Equals(cseq.Method, method, StringComparison.Ordinal))
        {
            // RFC 4475 §3.1.2.17 (400); §3.1.2.18 prefers 501 when the method itself is unknown.
            return !SipMethods.IsKnown(method)
                ? Fail(501, "Not Implemented", "unknown method " + method + " with mismatched CSeq")
                : Fail(400, "Bad Request", "CSeq method does not match the request method");
        }

        if (uri!.Headers.Count > 0)
        {
            // RFC 3261 §19.1.1 table 1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
            return Fail(400, "Bad Request", "Request-URI carries headers");
        }

        if (!SupportedUriSchemes.Contains(uri.Scheme))
        {
            // RFC 3261 §8.2.2.1; RFC 4475 §3.3.2, §3.3.3.
            return Fail(416, "Unsupported URI Scheme", "Request-URI scheme " + uri.Scheme);
        }

        return SipParseResult.Success(request);

        SipParseResult Fail(int status, string reason, string detail)
        {
            if (method == SipMethods.Ack)
            {
                // RFC 3261 §17.2.3: an ACK is never answered, however bad it is.
                return SipParseResult.Dropped("malformed ACK: " + detail);
            }

            // Make the best-effort request's top Via canonical so that the transport can route the answer.
            if (topViaIndex >= 0)
            {
                headers.RemoveAt(topViaIndex);
                headers.Insert(topViaIndex, SipHeaderNames.Via, topVia.ToString());
            }

            return SipParseResult.Failed(new SipParseError(status, reason, request, null, detail));
        }
    }

    private static int SplitBySpaces(ReadOnlySpan<byte> line, Span<Range> parts)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == SP)
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var start = i;
            while (i < line.Length && line[i] != SP)
            {
                i++;
            }

            if (count == parts.Length)
            {
                return count + 1;
            }

            parts[count++] = start..i;
        }

        return count;
    }

    private static ViaHeader? FirstVia(SipHeaderCollection headers, out int index)
    {
        index = headers.IndexOf(SipHeaderNames.Via);
        if (index < 0)
        {
            return null;
        }

        return ViaHeader.TryParse(headers[index].Value, out var via, out _) ? via : null;
    }

    /// <summary>Checks shared by requests and responses; returns a problem description or null.</summary>
    private static string? CheckCommonHeaders(SipMessage message, Singles singles)
    {
        // RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are mandatory (RFC 4475 §3.3.1).
        const Singles required = Singles.CallId | Singles.CSeq | Singles.From | Singles.To;
        if ((singles & required) != required)
        {
            return "missing mandatory header (To, From, CSeq or Call-ID)";
        }

        var headers = message.Headers;
        if (headers.Get(SipHeaderNames.CallId) is not { Length: > 0 } callId || callId.AsSpan().ContainsAny(" \t"))
        {
            return "malformed Call-ID";
        }

        if (!NameAddress.TryParse(headers.Get(SipHeaderNames.From), out _))
        {
            return "malformed From";
        }

        if (!NameAddress.TryParse(headers.Get(SipHeaderNames.To), out _))
        {
            return "malformed To";
        }

        if (!CSeqHeader.TryParse(headers.Get(SipHeaderNames.CSeq), out _))
        {
            return "malformed CSeq";
        }

        foreach (var header in headers)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.Via))
            {
                if (!ViaHeader.TryParse(header.Value, out var via, out var wellFormed) || !wellFormed)
                {
                    return "malformed Via";
                }

                if (via!.Branch is { } branch && (branch.Length == 0 || branch == ViaHeader.MagicCookie))
                {
                    // RFC 4475 §3.2.1: the magic cookie alone is no transaction identifier.
                    return "Via branch without a transaction identifier";
                }
            }
            else if (ReferenceEquals(header.Name, SipHeaderNames.Contact))
            {
                if (header.Value != "*" && !IsValidContact(header.Value))
                {
                    return "malformed Contact";
                }
            }
            else if (ReferenceEquals(header.Name, SipHeaderNames.Route) || ReferenceEquals(header.Name, SipHeaderNames.RecordRoute))
            {
                if (!NameAddress.TryParse(header.Value, out _))
                {
                    return "malformed " + header.Name;
                }
            }
            else if (ReferenceEquals(header.Name, SipHeaderNames.MaxForwards))
            {
                // RFC 3261 §20.22 / §8.1.1.6: 0..255 (RFC 4475 §3.1.2.4).
                if (!TryParseDecimal(header.Value, 255, out _))
                {
                    return "malformed Max-Forwards";
                }
            }
            else if (ReferenceEquals(header.Name, SipHeaderNames.Expires))
            {
                // RFC 3261 §20.19: delta-seconds up to 2**32-1.
                if (!TryParseDecimal(header.Value, uint.MaxValue, out _))
                {
                    return "malformed Expires";
                }
            }
        }

        return null;
    }

    private static bool IsValidContact(string value)
    {
        if (!NameAddress.TryParse(value, out var contact))
        {
            return false;
        }

        var trimmed = value.AsSpan().TrimStart(" \t");
        if (trimmed.Length > 0 && trimmed[0] != '<' && trimmed[0] != '"' && trimmed.IndexOf('<') < 0 && trimmed.IndexOf('?') >= 0)
        {
            // RFC 3261 §20.10: a URI with '?' must use the name-addr form (RFC 4475 §3.1.2.13).
            return false;
        }

        if (contact!.Parameters.TryGetValue("expires", out var expires) && expires is not null &&
            !TryParseDecimal(expires, uint.MaxValue, out _))
        {
            return false;
        }

        return true;
    }

    private static bool TryParseDecimal(string text, ulong max, out ulong value)
    {
        value = 0;
        var s = text.AsSpan().Trim(" \t");
        if (s.IsEmpty || s.Length > 20)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var next = (value * 10) + (ulong)(c - '0');
            if (next > max || next < value)
            {
                return false;
            }

            value = next;
        }

        return true;
    }

    /// <summary>
    /// RFC 3261 §18.3 / §20.14: body = Content-Length bytes. Datagram: fewer bytes than declared is
    /// an error (RFC 4475 §3.1.2.2), extra bytes are discarded, no Content-Length means the rest.
    /// </summary>
    private static string? FrameBody(SipMessage message, SipHeaderCollection headers, ReadOnlySpan<byte> rest, bool datagram)
    {
        var clText = headers.Get(SipHeaderNames.ContentLength);
        if (clText is null)
        {
            if (!datagram)
            {
                return "missing Content-Length on a stream transport";
            }

            message.Body = rest.IsEmpty ? [] : rest.ToArray();
            return null;
        }

        if (!TryParseDecimal(clText, int.MaxValue, out var length))
        {
            // RFC 4475 §3.1.2.3: negative or non-numeric Content-Length.
            return "malformed Content-Length";
        }

        if ((ulong)rest.Length < length)
        {
            return "Content-Length larger than the message";
        }

        message.Body = length == 0 ? [] : rest[..(int)length].ToArray();
        return null;
    }
}
