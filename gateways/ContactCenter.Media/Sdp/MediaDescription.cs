using System.Globalization;
using System.Text;

namespace ContactCenter.Media.Sdp;

/// <summary>
/// One RFC 4566 §5.14 media section: the "m=" line and the lines under it. Attributes are kept
/// in order as the single source of truth; rtpmap, fmtp, direction and ptime are read from and
/// written to that list so nothing a peer sent is lost when a description is re-serialised.
/// </summary>
public sealed class MediaDescription
{
    /// <summary>Creates a media section.</summary>
    public MediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>Media type: "audio", "video", "application", ...</summary>
    public string Media { get; set; }

    /// <summary>Transport port; 0 means the stream is rejected or disabled (RFC 3264 §6).</summary>
    public int Port { get; set; }

    /// <summary>Optional "/number of ports" suffix of the port.</summary>
    public int? PortCount { get; set; }

    /// <summary>Transport protocol, e.g. "RTP/AVP".</summary>
    public string Protocol { get; set; }

    /// <summary>Media formats in the offerer's order of preference (payload types for RTP).</summary>
    public List<string> Formats { get; }

    /// <summary>Media-level "i=" line.</summary>
    public string? Information { get; set; }

    /// <summary>Media-level "c=" line that overrides the session's.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>"b=" lines (text after "b=").</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>Other lines inside the section that this parser does not interpret ("k=", unknown letters), kept verbatim.</summary>
    public List<string> OtherLines { get; } = [];

    /// <summary>Attribute lines, in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>True for RTP over UDP with the audio/video profile (RFC 3551), the only transport this gateway speaks.</summary>
    public bool IsRtpAvp => string.Equals(Protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase);

    /// <summary>The formats that are numeric payload types, in order.</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            foreach (string format in Formats)
            {
                if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int pt) && pt <= 127)
                {
                    yield return pt;
                }
            }
        }
    }

    /// <summary>
    /// The explicit direction attribute of this section, or null when there is none (then the
    /// session-level attribute, or sendrecv, applies: RFC 4566 §6).
    /// </summary>
    public MediaDirection? Direction
    {
        get => Attributes.FindDirection();
        set => Attributes.SetDirection(value);
    }

    /// <summary>"a=ptime" in milliseconds (RFC 4566 §6), or null.</summary>
    public int? Ptime
    {
        get
        {
            string? value = GetAttribute("ptime");
            return value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms > 0
                ? (int)Math.Round(ms)
                : null;
        }

        set
        {
            Attributes.RemoveAll(a => a.Name.Equals("ptime", StringComparison.OrdinalIgnoreCase));
            if (value is { } ms)
            {
                Attributes.Add(new SdpAttribute("ptime", ms.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>RFC 3605 "a=rtcp:port [IN IP4 address]": the RTCP port when it is not RTP port + 1.</summary>
    public int? RtcpPort
    {
        get
        {
            string? value = GetAttribute("rtcp");
            if (value is null)
            {
                return null;
            }

            string first = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535 ? port : null;
        }
    }

    /// <summary>The value of the first attribute named <paramref name="name"/>, or null.</summary>
    public string? GetAttribute(string name) =>
        Attributes.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>
    /// The rtpmap for a payload type: the "a=rtpmap" line when present, otherwise the RFC 3551
    /// static assignment; null for an unmapped dynamic type.
    /// </summary>
    public RtpMap? GetRtpMap(int payloadType)
    {
        foreach (SdpAttribute attribute in Attributes)
        {
            if (attribute.Value is not null
                && attribute.Name.Equals("rtpmap", StringComparison.OrdinalIgnoreCase)
                && RtpMap.TryParse(attribute.Value, out RtpMap? map)
                && map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return RtpMap.ForStaticPayloadType(payloadType);
    }

    /// <summary>The format parameters of a payload type ("0-15" for "a=fmtp:101 0-15"), or null.</summary>
    public string? GetFmtp(int payloadType)
    {
        string prefix = payloadType.ToString(CultureInfo.InvariantCulture);
        foreach (SdpAttribute attribute in Attributes)
        {
            if (attribute.Value is not null && attribute.Name.Equals("fmtp", StringComparison.OrdinalIgnoreCase))
            {
                string value = attribute.Value;
                int space = value.IndexOf(' ', StringComparison.Ordinal);
                string pt = space < 0 ? value : value[..space];
                if (pt == prefix)
                {
                    return space < 0 ? string.Empty : value[(space + 1)..].Trim();
                }
            }
        }

        return null;
    }

    /// <summary>Appends this section's lines (CRLF-terminated, RFC 4566 §5 order: m i c b k a).</summary>
    internal void AppendTo(StringBuilder builder)
    {
        builder.Append("m=").Append(Media).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is { } count)
        {
            builder.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(' ').Append(Protocol);
        foreach (string format in Formats)
        {
            builder.Append(' ').Append(format);
        }

        builder.Append("\r\n");
        if (Information is not null)
        {
            builder.Append("i=").Append(Information).Append("\r\n");
        }

        if (Connection is not null)
        {
            builder.Append("c=").Append(Connection).Append("\r\n");
        }

        foreach (string bandwidth in Bandwidths)
        {
            builder.Append("b=").Append(bandwidth).Append("\r\n");
        }

        foreach (string line in OtherLines)
        {
            builder.Append(line).Append("\r\n");
        }

        foreach (SdpAttribute attribute in Attributes)
        {
            builder.Append("a=").Append(attribute).Append("\r\n");
        }
    }
}
