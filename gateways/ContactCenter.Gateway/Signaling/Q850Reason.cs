using System.Globalization;

namespace ContactCenter.Gateway.Signaling;

/// <summary>
/// The Reason header (RFC 3326) carrying an ITU-T Q.850 cause on BYE and CANCEL, so CDRs on both
/// sides agree on why a call ended.
/// </summary>
public static class Q850Reason
{
    public const int NormalClearing = 16;
    public const int UserBusy = 17;
    public const int NoAnswer = 19;
    public const int CallRejected = 21;
    public const int NormalUnspecified = 31;
    public const int TemporaryFailure = 41;
    public const int RecoveryOnTimerExpiry = 102;

    public static string Format(int cause) =>
        string.Create(CultureInfo.InvariantCulture, $"Q.850;cause={cause};text=\"{TextFor(cause)}\"");

    /// <summary>Reads the Q.850 cause of a Reason header value; null when there is none (RFC 3326 §2).</summary>
    public static int? Parse(string? headerValue)
    {
        if (headerValue is null || !headerValue.TrimStart().StartsWith("Q.850", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var part in headerValue.Split(';'))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("cause", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cause))
            {
                return cause;
            }
        }

        return null;
    }

    public static string TextFor(int cause) => cause switch
    {
        NormalClearing => "Normal call clearing",
        UserBusy => "User busy",
        NoAnswer => "No answer from user",
        CallRejected => "Call rejected",
        NormalUnspecified => "Normal, unspecified",
        TemporaryFailure => "Temporary failure",
        RecoveryOnTimerExpiry => "Recovery on timer expiry",
        _ => "Cause " + cause.ToString(CultureInfo.InvariantCulture),
    };
}
