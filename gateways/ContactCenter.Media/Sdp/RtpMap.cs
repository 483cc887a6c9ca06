namespace ContactCenter.Media.Sdp;

/// <summary>RFC 4566 §6 "a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]".</summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>
    /// RFC 3551 §6 table 4: static audio payload types, used when an offer lists a static type
    /// without an rtpmap line (allowed, and common: "m=audio 6000 RTP/AVP 0 8").
    /// </summary>
    public static RtpMap? ForStaticPayloadType(int payloadType) => payloadType switch
    {
        0 => new RtpMap(0, "PCMU", 8000),
        3 => new RtpMap(3, "GSM", 8000),
        4 => new RtpMap(4, "G723", 8000),
        5 => new RtpMap(5, "DVI4", 8000),
        6 => new RtpMap(6, "DVI4", 16000),
        7 => new RtpMap(7, "LPC", 8000),
        8 => new RtpMap(8, "PCMA", 8000),
        9 => new RtpMap(9, "G722", 8000),
        10 => new RtpMap(10, "L16", 44100, 2),
        11 => new RtpMap(11, "L16", 44100),
        12 => new RtpMap(12, "QCELP", 8000),
        13 => new RtpMap(13, "CN", 8000),
        14 => new RtpMap(14, "MPA", 90000),
        15 => new RtpMap(15, "G728", 8000),
        16 => new RtpMap(16, "DVI4", 11025),
        17 => new RtpMap(17, "DVI4", 22050),
        18 => new RtpMap(18, "G729", 8000),
        _ => null,
    };

    /// <summary>Parses the value of an rtpmap attribute ("101 telephone-event/8000").</summary>
    public static bool TryParse(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RtpMap? map)
    {
        map = null;
        string[] parts = value.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out int pt) || pt is < 0 or > 127)
        {
            return false;
        }

        string[] encoding = parts[1].Split('/');
        if (encoding.Length < 2 || encoding[0].Length == 0 || !int.TryParse(encoding[1], out int rate) || rate <= 0)
        {
            return false;
        }

        int? channels = null;
        if (encoding.Length > 2)
        {
            if (!int.TryParse(encoding[2], out int ch))
            {
                return false;
            }

            channels = ch;
        }

        map = new RtpMap(pt, encoding[0], rate, channels);
        return true;
    }

    /// <summary>True when the encoding name matches (case-insensitive, RFC 4855 §3).</summary>
    public bool Is(string encodingName) => string.Equals(EncodingName, encodingName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute value ("101 telephone-event/8000").</summary>
    public override string ToString() =>
        Channels is { } ch ? $"{PayloadType} {EncodingName}/{ClockRate}/{ch}" : $"{PayloadType} {EncodingName}/{ClockRate}";
}
