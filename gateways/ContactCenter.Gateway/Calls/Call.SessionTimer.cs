using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>Session timers (RFC 4028): refresh when we are the refresher, hang up when the peer stops refreshing.</summary>
internal sealed partial class Call
{
    private void StartSessionTimer()
    {
        _sessionTimerHandle?.Dispose();
        if (_sessionTimer.Interval is not { } interval)
        {
            return;
        }

        _sessionTimerHandle = _sessionTimer.Refresher == SessionRefresher.Uas
            ? StartTimer(_ => _ = RefreshSessionAsync(), interval / 2, Timeout.InfiniteTimeSpan) // §7.2: refresh at half the interval
            : StartTimer(_ => _ = EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.RecoveryOnTimerExpiry, "session timer expired"), sendBye: true),
                interval - _sessionTimer.ExpiryGuard, Timeout.InfiniteTimeSpan); // §10
    }

    /// <summary>A re-INVITE or UPDATE from the peer refreshes the session (§9); our 2xx repeats the negotiated timer.</summary>
    private void AddSessionTimerRefresh(SipRequest request, SipResponse ok)
    {
        if (_sessionTimer.Interval is null && request.Headers.Get(SipHeaderNames.SessionExpires) is null)
        {
            return;
        }

        var decision = SessionTimerPolicy.Negotiate(request, _services.Options.SessionExpires, _services.Options.MinSessionExpires);
        if (decision.Interval is null)
        {
            return;
        }

        _sessionTimer = decision;
        ok.Headers.Add(SipHeaderNames.SessionExpires, decision.HeaderValue!);
        if (decision.RequireTimer)
        {
            ok.Headers.Add(SipHeaderNames.Require, "timer");
        }

        StartSessionTimer();
    }

    /// <summary>
    /// We refresh with UPDATE when the peer allows it (RFC 4028 §7.4 prefers it: no SDP, no ACK),
    /// else with a re-INVITE that repeats our SDP unchanged (RFC 3264 §8: same version).
    /// </summary>
    private async Task RefreshSessionAsync()
    {
        SipRequest refresh;
        await _gate.WaitAsync();
        try
        {
            if (State != CallState.Confirmed)
            {
                return;
            }

            var peerAllowsUpdate = SessionTimerPolicy.HasOption(Invite.Request, SipHeaderNames.Allow, SipMethods.Update);
            refresh = Dialog.CreateRequest(peerAllowsUpdate ? SipMethods.Update : SipMethods.Invite);
            refresh.Headers.Add(SipHeaderNames.SessionExpires, _sessionTimer.HeaderValue!);
            refresh.Headers.Add(SipHeaderNames.Supported, SipCapabilities.Supported);
            if (!peerAllowsUpdate)
            {
                SetSdpBody(refresh, _localAnswer);
                _ourInvitePending = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        var response = await SendInDialogAsync(refresh);
        _ourInvitePending = false;
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                StartSessionTimer();
                break;
            case 491:
                // §14.1: glare; try again after a random 2.1–4 s.
                _sessionTimerHandle = StartTimer(_ => _ = RefreshSessionAsync(), TimeSpan.FromMilliseconds(Random.Shared.Next(2100, 4000)), Timeout.InfiniteTimeSpan);
                break;
            default:
                _logger.LogWarning("Call {CallId}: session refresh answered {Status}; ending the call", Id, response.StatusCode);
                await EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.RecoveryOnTimerExpiry, "session refresh failed"), sendBye: true);
                break;
        }
    }
}
