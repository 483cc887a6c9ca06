using System.Globalization;

namespace ContactCenter.Media.Dtmf;

/// <summary>
/// Reads DTMF sent in SIP INFO bodies: "application/dtmf-relay" ("Signal=5\r\nDuration=160",
/// the de-facto Cisco format; Duration in ms) and "application/dtmf" (the body is the digit or
/// its event code). Tolerant of case, spacing and LF-only lines.
/// </summary>
public static class DtmfRelayParser
{
    /// <summary>Content type of the Signal/Duration format.</summary>
    public const string DtmfRelayContentType = "application/dtmf-relay";

    /// <summary>Content type of the bare-digit format.</summary>
    public const string DtmfContentType = "application/dtmf";

    /// <summary>True when this parser understands the content type (parameters are ignored).</summary>
    public static bool IsSupported(string? contentType) =>
        MediaType(contentType) is DtmfRelayContentType or DtmfContentType;

    /// <summary>Parses a body; false when the content type is not a DTMF one or there is no valid digit.</summary>
    public static bool TryParse(string? contentType, string? body, out char digit, out int? durationMs)
    {
        digit = default;
        durationMs = null;
        if (body is null)
        {
            return false;
        }

        switch (MediaType(contentType))
        {
            case DtmfRelayContentType:
                bool found = false;
                foreach (string rawLine in body.Split('\n'))
                {
                    string line = rawLine.Trim();
                    int equals = line.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        continue;
                    }

                    string key = line[..equals].Trim();
                    string value = line[(equals + 1)..].Trim();
                    if (key.Equals("Signal", StringComparison.OrdinalIgnoreCase))
                    {
                        found = TryReadDigit(value, out digit);
                    }
                    else if (key.Equals("Duration", StringComparison.OrdinalIgnoreCase)
                        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
                    {
                        durationMs = ms;
                    }
                }

                return found;
            case DtmfContentType:
                return TryReadDigit(body.Trim(), out digit);
            default:
                return false;
        }
    }

    private static bool TryReadDigit(string value, out char digit)
    {
        digit = default;
        if (value.Length == 1 && TelephoneEvent.IsDtmfDigit(value[0]))
        {
            digit = char.ToUpperInvariant(value[0]);
            return true;
        }

        // Some equipment sends the RFC 4733 event code instead ("10" for *, "11" for #).
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && TelephoneEvent.ToDigit(code) is { } mapped)
        {
            digit = mapped;
            return true;
        }

        return false;
    }

    private static string MediaType(string? contentType)
    {
        if (contentType is null)
        {
            return string.Empty;
        }

        int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}
