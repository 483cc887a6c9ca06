using System.Globalization;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Gateway.Signaling;

/// <summary>Which side sends session refreshes (RFC 4028 §7).</summary>
public enum SessionRefresher
{
    Uac,
    Uas,
}

/// <summary>The outcome of session-timer negotiation on an incoming INVITE (RFC 4028 §9).</summary>
/// <param name="TooSmall">Session-Expires below our Min-SE: answer 422 with our Min-SE (§9).</param>
/// <param name="Interval">The session interval; null when no session timer runs.</param>
/// <param name="Refresher">Who refreshes.</param>
/// <param name="RequireTimer">The 2xx must carry Require: timer (§9: the UAC supports it and must refresh).</param>
public sealed record SessionTimerDecision(bool TooSmall, TimeSpan? Interval, SessionRefresher Refresher, bool RequireTimer)
{
    /// <summary>RFC 4028 §10: the side that does not refresh sends BYE at most 32 s (or a third of the interval) before expiry.</summary>
    public TimeSpan ExpiryGuard => Interval is { } interval
        ? TimeSpan.FromSeconds(Math.Min(32, interval.TotalSeconds / 3))
        : TimeSpan.Zero;

    /// <summary>The Session-Expires header value for our 2xx.</summary>
    public string? HeaderValue => Interval is { } interval
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)interval.TotalSeconds};refresher={(Refresher == SessionRefresher.Uac ? "uac" : "uas")}")
        : null;
}

/// <summary>RFC 4028 negotiation for requests we answer.</summary>
public static class SessionTimerPolicy
{
    public static SessionTimerDecision Negotiate(SipRequest request, TimeSpan preferred, TimeSpan minimum)
    {
        var supportsTimer = HasOption(request, SipHeaderNames.Supported, "timer");
        var (requested, requestedRefresher) = ParseSessionExpires(request.Headers.Get(SipHeaderNames.SessionExpires));
        var theirMinimum = ParseSeconds(request.Headers.Get(SipHeaderNames.MinSE)) ?? TimeSpan.Zero;

        if (requested is { } asked && asked < minimum)
        {
            return new SessionTimerDecision(true, null, SessionRefresher.Uas, false);
        }

        if (requested is null && !supportsTimer)
        {
            return new SessionTimerDecision(false, null, SessionRefresher.Uas, false);
        }

        // §9: we may shorten the interval, never below either side's Min-SE.
        var floor = minimum > theirMinimum ? minimum : theirMinimum;
        var interval = requested is { } r && r < preferred ? r : preferred;
        if (interval < floor)
        {
            interval = floor;
        }

        // §9: a UAC that does not support timers cannot refresh, so we do; otherwise honour its choice, defaulting to it.
        var refresher = !supportsTimer ? SessionRefresher.Uas : requestedRefresher ?? SessionRefresher.Uac;
        return new SessionTimerDecision(false, interval, refresher, supportsTimer && refresher == SessionRefresher.Uac);
    }

    /// <summary>Session-Expires = delta-seconds *(;se-params), with refresher=uac|uas (RFC 4028 §4).</summary>
    public static (TimeSpan? Interval, SessionRefresher? Refresher) ParseSessionExpires(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        SessionRefresher? refresher = null;
        foreach (var parameter in parts.Skip(1))
        {
            if (parameter.Equals("refresher=uac", StringComparison.OrdinalIgnoreCase))
            {
                refresher = SessionRefresher.Uac;
            }
            else if (parameter.Equals("refresher=uas", StringComparison.OrdinalIgnoreCase))
            {
                refresher = SessionRefresher.Uas;
            }
        }

        return (ParseSeconds(parts[0]), refresher);
    }

    /// <summary>Whether an option-tag list header (Supported, Require, Allow…) names <paramref name="option"/>, however its values were split.</summary>
    public static bool HasOption(SipMessage message, string header, string option) =>
        message.Headers.GetAll(header)
            .SelectMany(value => value.Split(','))
            .Any(tag => tag.Trim().Equals(option, StringComparison.OrdinalIgnoreCase));

    private static TimeSpan? ParseSeconds(string? value)
    {
        var text = value?.Split(';')[0].Trim();
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
