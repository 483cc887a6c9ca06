using System.Globalization;
using System.Text;

namespace ContactCenter.Media.Sdp;

/// <summary>
/// An RFC 4566 session description. Parsing is tolerant of what real peers send (LF-only line
/// ends, trailing blanks, unknown line types, missing optional lines) and names the offending
/// line when it has to give up; <see cref="ToString"/> writes CRLF lines in RFC 4566 §5 order.
/// </summary>
public sealed class SessionDescription
{
    /// <summary>"v=" (always 0).</summary>
    public int Version { get; set; }

    /// <summary>"o=" line; null only when a (non-conforming) peer left it out.</summary>
    public SdpOrigin? Origin { get; set; }

    /// <summary>"s=" line ("-" when there is no name, RFC 3264 §5).</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Session-level "c=" line (media sections may override it).</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>"t=" line; "0 0" for SIP sessions (RFC 3264 §5).</summary>
    public string Timing { get; set; } = "0 0";

    /// <summary>Session-level "b=" lines (text after "b=").</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>Session-level lines not otherwise interpreted (i= u= e= p= r= z= k= and unknown letters), verbatim.</summary>
    public List<string> OtherLines { get; } = [];

    /// <summary>Session-level attributes, in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Media sections, in order (RFC 3264 §6: an answer keeps the offer's order).</summary>
    public List<MediaDescription> Media { get; } = [];

    /// <summary>The session-level direction attribute, or null (sendrecv applies).</summary>
    public MediaDirection? Direction
    {
        get => Attributes.FindDirection();
        set => Attributes.SetDirection(value);
    }

    /// <summary>The connection that applies to a media section: its own, else the session's.</summary>
    public SdpConnection? GetConnection(MediaDescription media) => media.Connection ?? Connection;

    /// <summary>
    /// The direction of a media section as its sender means it: the media attribute, else the
    /// session attribute, else sendrecv (RFC 4566 §6). A connection address of 0.0.0.0 is the
    /// RFC 2543 hold that RFC 3264 §8.4 still asks answerers to understand: the sender does not
    /// want to receive, so sendrecv becomes sendonly and recvonly becomes inactive.
    /// </summary>
    public MediaDirection GetEffectiveDirection(MediaDescription media)
    {
        MediaDirection direction = media.Direction ?? Direction ?? MediaDirection.SendRecv;
        if (GetConnection(media) is { IsNullAddress: true })
        {
            direction = direction.Intersect(MediaDirection.SendOnly);
        }

        return direction;
    }

    /// <summary>Parses an SDP body; throws <see cref="FormatException"/> naming the bad line.</summary>
    public static SessionDescription Parse(string text) =>
        TryParse(text, out SessionDescription? sdp, out string? error) ? sdp : throw new FormatException(error);

    /// <summary>Parses an SDP body; on failure <paramref name="error"/> says which line and why.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionDescription? sdp, out string? error)
    {
        sdp = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "SDP body is empty.";
            return false;
        }

        var result = new SessionDescription();
        MediaDescription? current = null;
        bool sawVersion = false;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r', ' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                error = $"SDP line {lineNumber} is not '<type>=<value>': '{line}'";
                return false;
            }

            char type = line[0];
            string value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v')
                {
                    error = $"SDP must start with 'v=' (line {lineNumber} is '{line}').";
                    return false;
                }

                if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
                {
                    error = $"SDP line {lineNumber}: bad version '{value}'.";
                    return false;
                }

                result.Version = version;
                sawVersion = true;
                continue;
            }

            switch (type)
            {
                case 'm':
                    if (!TryParseMediaLine(value, out current, out error))
                    {
                        error = $"SDP line {lineNumber}: {error}";
                        return false;
                    }

                    result.Media.Add(current);
                    break;
                case 'o' when current is null:
                    if (!SdpOrigin.TryParse(value, out SdpOrigin? origin, out error))
                    {
                        error = $"SDP line {lineNumber}: {error}";
                        return false;
                    }

                    result.Origin = origin;
                    break;
                case 's' when current is null:
                    result.SessionName = value;
                    break;
                case 't' when current is null:
                    result.Timing = value;
                    break;
                case 'c':
                    if (!SdpConnection.TryParse(value, out SdpConnection? connection, out error))
                    {
                        error = $"SDP line {lineNumber}: {error}";
                        return false;
                    }

                    if (current is null)
                    {
                        result.Connection = connection;
                    }
                    else
                    {
                        current.Connection = connection;
                    }

                    break;
                case 'b':
                    (current?.Bandwidths ?? result.Bandwidths).Add(value);
                    break;
                case 'a':
                    (current?.Attributes ?? result.Attributes).Add(SdpAttribute.Parse(value));
                    break;
                case 'i' when current is not null:
                    current.Information = value;
                    break;
                default:
                    (current?.OtherLines ?? result.OtherLines).Add(line);
                    break;
            }
        }

        if (!sawVersion)
        {
            error = "SDP has no 'v=' line.";
            return false;
        }

        sdp = result;
        error = null;
        return true;
    }

    /// <summary>The SDP body with CRLF line ends.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(512);
        AppendTo(builder, includeOrigin: true);
        return builder.ToString();
    }

    /// <summary>The body without its "o=" line: what RFC 3264 §8 compares to decide whether the version must change.</summary>
    internal string ToStringWithoutOrigin()
    {
        var builder = new StringBuilder(512);
        AppendTo(builder, includeOrigin: false);
        return builder.ToString();
    }

    private void AppendTo(StringBuilder builder, bool includeOrigin)
    {
        builder.Append("v=").Append(Version.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        if (includeOrigin && Origin is not null)
        {
            builder.Append("o=").Append(Origin).Append("\r\n");
        }

        builder.Append("s=").Append(SessionName).Append("\r\n");
        // RFC 4566 §5: i u e p come before c, r z k after t.
        foreach (string line in OtherLines)
        {
            if (line[0] is 'i' or 'u' or 'e' or 'p')
            {
                builder.Append(line).Append("\r\n");
            }
        }

        if (Connection is not null)
        {
            builder.Append("c=").Append(Connection).Append("\r\n");
        }

        foreach (string bandwidth in Bandwidths)
        {
            builder.Append("b=").Append(bandwidth).Append("\r\n");
        }

        builder.Append("t=").Append(Timing).Append("\r\n");
        foreach (string line in OtherLines)
        {
            if (line[0] is not ('i' or 'u' or 'e' or 'p'))
            {
                builder.Append(line).Append("\r\n");
            }
        }

        foreach (SdpAttribute attribute in Attributes)
        {
            builder.Append("a=").Append(attribute).Append("\r\n");
        }

        foreach (MediaDescription media in Media)
        {
            media.AppendTo(builder);
        }
    }

    private static bool TryParseMediaLine(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MediaDescription? media, out string? error)
    {
        media = null;
        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            error = $"m= line needs at least media, port and protocol: '{value}'";
            return false;
        }

        string portText = parts[1];
        int? portCount = null;
        int slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(portText[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                error = $"m= line has a bad port count: '{portText}'";
                return false;
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = $"m= line has a bad port: '{parts[1]}'";
            return false;
        }

        media = new MediaDescription(parts[0], port, parts[2], parts.Skip(3)) { PortCount = portCount };
        error = null;
        return true;
    }
}
