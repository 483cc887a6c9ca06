using System.Globalization;
using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>
/// A SIP request or response (RFC 3261 §7). Typed accessors parse from <see cref="Headers"/> on
/// every get and return snapshots; assign them back to change the message.
/// </summary>
public abstract class SipMessage
{
    [ThreadStatic]
    private static StringBuilder? s_builder;

    private byte[] _body = [];

    protected SipMessage()
    {
        Headers = new SipHeaderCollection();
    }

    public SipHeaderCollection Headers { get; internal set; }

    /// <summary>Message body; never null (empty when there is none).</summary>
    public byte[] Body
    {
        get => _body;
        set => _body = value ?? [];
    }

    /// <summary>Protocol version of the start line, "SIP/2.0".</summary>
    public string SipVersion { get; set; } = "SIP/2.0";

    public abstract bool IsRequest { get; }

    public string? CallId
    {
        get => Headers.Get(SipHeaderNames.CallId);
        set => SetOrRemove(SipHeaderNames.CallId, value);
    }

    public NameAddress? From
    {
        get => NameAddress.TryParse(Headers.Get(SipHeaderNames.From), out var v) ? v : null;
        set => SetOrRemove(SipHeaderNames.From, value?.ToString());
    }

    public NameAddress? To
    {
        get => NameAddress.TryParse(Headers.Get(SipHeaderNames.To), out var v) ? v : null;
        set => SetOrRemove(SipHeaderNames.To, value?.ToString());
    }

    public CSeqHeader? CSeq
    {
        get => CSeqHeader.TryParse(Headers.Get(SipHeaderNames.CSeq), out var v) ? v : null;
        set => SetOrRemove(SipHeaderNames.CSeq, value?.ToString());
    }

    /// <summary>All Via entries, top first; unparseable entries are skipped.</summary>
    public IReadOnlyList<ViaHeader> Vias
    {
        get => ParseList<ViaHeader>(SipHeaderNames.Via, static (string s, out ViaHeader? v) => ViaHeader.TryParse(s, out v));
        set => ReplaceList(SipHeaderNames.Via, value.Select(v => v.ToString()));
    }

    /// <summary>The topmost Via; setting it replaces only the first Via entry (or inserts one at the top).</summary>
    public ViaHeader? TopVia
    {
        get
        {
            var first = Headers.Get(SipHeaderNames.Via);
            if (first is null)
            {
                return null;
            }

            // Programmatically added values may still hold a comma list.
            if (first.Contains(',', StringComparison.Ordinal))
            {
                var parts = SipGrammar.SplitList(first);
                first = parts.Count > 0 ? parts[0] : first;
            }

            return ViaHeader.TryParse(first, out var v) ? v : null;
        }

        set
        {
            var index = Headers.IndexOf(SipHeaderNames.Via);
            if (value is null)
            {
                if (index >= 0)
                {
                    Headers.RemoveAt(index);
                }

                return;
            }

            if (index < 0)
            {
                Headers.Insert(0, SipHeaderNames.Via, value.ToString());
                return;
            }

            var parts = SipGrammar.SplitList(Headers[index].Value);
            Headers.RemoveAt(index);
            for (var i = parts.Count - 1; i >= 1; i--)
            {
                Headers.Insert(index, SipHeaderNames.Via, parts[i]);
            }

            Headers.Insert(index, SipHeaderNames.Via, value.ToString());
        }
    }

    /// <summary>Contact addresses; the "*" wildcard (RFC 3261 §10.2.2) is not an address and is skipped.</summary>
    public IReadOnlyList<NameAddress> Contacts
    {
        get => ParseList<NameAddress>(SipHeaderNames.Contact, static (string s, out NameAddress? v) => NameAddress.TryParse(s, out v));
        set => ReplaceList(SipHeaderNames.Contact, value.Select(v => v.ToString()));
    }

    public IReadOnlyList<NameAddress> RecordRoutes
    {
        get => ParseList<NameAddress>(SipHeaderNames.RecordRoute, static (string s, out NameAddress? v) => NameAddress.TryParse(s, out v));
        set => ReplaceList(SipHeaderNames.RecordRoute, value.Select(v => v.ToString()));
    }

    public IReadOnlyList<NameAddress> Routes
    {
        get => ParseList<NameAddress>(SipHeaderNames.Route, static (string s, out NameAddress? v) => NameAddress.TryParse(s, out v));
        set => ReplaceList(SipHeaderNames.Route, value.Select(v => v.ToString()));
    }

    public int? MaxForwards
    {
        get => int.TryParse(Headers.Get(SipHeaderNames.MaxForwards), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        set => SetOrRemove(SipHeaderNames.MaxForwards, value?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Content-Type value as written (media type plus parameters).</summary>
    public string? ContentType
    {
        get => Headers.Get(SipHeaderNames.ContentType);
        set => SetOrRemove(SipHeaderNames.ContentType, value);
    }

    /// <summary>The media type of Content-Type without parameters, lower-cased (e.g. "application/sdp").</summary>
    public string? MediaType
    {
        get
        {
            var ct = ContentType;
            if (ct is null)
            {
                return null;
            }

            var semi = ct.IndexOf(';', StringComparison.Ordinal);
            var type = (semi < 0 ? ct.AsSpan() : ct.AsSpan(0, semi)).Trim(" \t");
            Span<char> lower = type.Length <= 128 ? stackalloc char[type.Length] : new char[type.Length];
            type.ToLowerInvariant(lower);
            return lower.ToString().Replace(" ", string.Empty, StringComparison.Ordinal);
        }
    }

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            Headers.Remove(name);
        }
        else
        {
            Headers.Set(name, value);
        }
    }

    private delegate bool TryParser<T>(string text, out T? value);

    private List<T> ParseList<T>(string name, TryParser<T> parser)
        where T : class
    {
        var list = new List<T>();
        foreach (var header in Headers)
        {
            if (!string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (header.Value.AsSpan().IndexOfAny(",\"") < 0)
            {
                if (parser(header.Value, out var one))
                {
                    list.Add(one!);
                }

                continue;
            }

            foreach (var part in SipGrammar.SplitList(header.Value))
            {
                if (parser(part, out var v))
                {
                    list.Add(v!);
                }
            }
        }

        return list;
    }

    private void ReplaceList(string name, IEnumerable<string> values)
    {
        var index = Headers.IndexOf(name);
        Headers.Remove(name);
        if (index < 0)
        {
            index = Headers.Count;
        }

        foreach (var value in values)
        {
            Headers.Insert(index++, name, value);
        }
    }

    /// <summary>Writes the start line without CRLF.</summary>
    protected abstract void AppendStartLine(StringBuilder sb);

    /// <summary>
    /// Serialises the message: start line, headers in order with full names, Content-Length
    /// always present and equal to <see cref="Body"/>.Length (RFC 3261 §18.3 / §20.14), body.
    /// </summary>
    public byte[] ToBytes()
    {
        var sb = s_builder ?? new StringBuilder(1024);
        s_builder = null;
        sb.Clear();
        AppendStartLine(sb);
        sb.Append("\r\n");
        var wroteLength = false;
        foreach (var header in Headers)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.ContentLength) ||
                string.Equals(header.Name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                if (!wroteLength)
                {
                    sb.Append(SipHeaderNames.ContentLength).Append(": ").Append(_body.Length).Append("\r\n");
                    wroteLength = true;
                }

                continue;
            }

            sb.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (!wroteLength)
        {
            sb.Append(SipHeaderNames.ContentLength).Append(": ").Append(_body.Length).Append("\r\n");
        }

        sb.Append("\r\n");
        var headerBytes = 0;
        foreach (var chunk in sb.GetChunks())
        {
            headerBytes += Encoding.UTF8.GetByteCount(chunk.Span);
        }

        var result = new byte[headerBytes + _body.Length];
        var offset = 0;
        foreach (var chunk in sb.GetChunks())
        {
            offset += Encoding.UTF8.GetBytes(chunk.Span, result.AsSpan(offset));
        }

        _body.CopyTo(result, offset);
        if (sb.Capacity <= 16 * 1024)
        {
            s_builder = sb;
        }

        return result;
    }

    /// <summary>Deep copy (headers and body are copied).</summary>
    public abstract SipMessage Clone();

    protected void CopyTo(SipMessage target)
    {
        target.Headers = Headers.Clone();
        target._body = _body.Length == 0 ? [] : (byte[])_body.Clone();
        target.SipVersion = SipVersion;
    }

    /// <summary>The serialised message as text (for logs and tests).</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
