using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Calls;
using ContactCenter.Gateway.Security;
using ContactCenter.Media;
using ContactCenter.Media.Sdp;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Signaling;

/// <summary>
/// The user agent core (RFC 3261 §8.2): decides what to do with each new request — admit or refuse
/// a call, route in-dialog requests to their call, answer OPTIONS and CANCEL, refuse the rest.
/// </summary>
internal sealed class SipUserAgent(
    CallServices services,
    SourceAccessList sources,
    CalledNumberFilter numbers,
    InviteRateLimiter inviteLimiter,
    ILogger<SipUserAgent> logger)
{
    private long _floodDrops;

    /// <summary>INVITEs dropped because their source was over its rate.</summary>
    public long FloodDrops => Interlocked.Read(ref _floodDrops);

    /// <summary>
    /// Transport-level filter, before any transaction exists: new INVITEs over their source's rate are dropped
    /// silently, so a flood costs one dictionary lookup per packet and other sources keep being served.
    /// </summary>
    public bool AcceptInbound(IncomingMessage incoming)
    {
        if (incoming.Message is SipRequest { Method: SipMethods.Invite } invite && invite.To?.Tag is null
            && !inviteLimiter.TryAcquire(incoming.Source.EndPoint.Address))
        {
            Interlocked.Increment(ref _floodDrops);
            return false;
        }

        return true;
    }

    public async ValueTask OnNewRequestAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        try
        {
            if (!sources.Allows(transaction.Source.EndPoint.Address))
            {
                services.Telemetry.CallRejected("source");
                await RejectAsync(transaction, 403, "Source not allowed");
                return;
            }

            if (request.To?.Tag is not null)
            {
                await RouteInDialogAsync(transaction);
                return;
            }

            switch (request.Method)
            {
                case SipMethods.Invite:
                    await AdmitCallAsync(transaction);
                    break;
                case SipMethods.Cancel:
                    await CancelAsync(transaction);
                    break;
                case SipMethods.Options:
                    await RespondAsync(transaction, OptionsResponse(request));
                    break;
                case SipMethods.Ack:
                    break; // an ACK for a non-2xx is absorbed by its transaction; nothing else to do
                case SipMethods.Register:
                    await RespondAsync(transaction, WithAllow(SipResponse.CreateFor(request, 405)));
                    break;
                case SipMethods.Bye or SipMethods.Info or SipMethods.Update or SipMethods.Notify or SipMethods.Refer:
                    await RespondAsync(transaction, SipResponse.CreateFor(request, 481)); // needs a dialog
                    break;
                default:
                    await RespondAsync(transaction, WithAllow(SipResponse.CreateFor(request, SipMethods.IsKnown(request.Method) ? 405 : 501)));
                    break;
            }
        }
        catch (Exception error)
        {
            // A request must never take the gateway down; answer 500 if nothing was sent (§21.5.1).
            logger.LogError(error, "Failed handling {Method} {CallId}", request.Method, request.CallId);
            if (!transaction.HasFinalResponse && request.Method != SipMethods.Ack)
            {
                await RespondAsync(transaction, SipResponse.CreateFor(request, 500));
            }
        }
    }

    /// <summary>ACKs for our 2xx and retransmitted 2xx for our INVITEs arrive without a transaction (RFC 6026).</summary>
    public async ValueTask OnStrayAsync(IncomingMessage incoming)
    {
        switch (incoming.Message)
        {
            case SipRequest { Method: SipMethods.Ack } ack when services.Registry.FindFor(ack) is { } call:
                await call.OnAckAsync(ack);
                break;
            case SipResponse { StatusCode: >= 200 and < 300 } ok when ok.CSeq?.Method == SipMethods.Invite
                && services.Registry.FindFor(ok) is { } call:
                await call.OnRetransmitted2xxAsync(ok);
                break;
        }
    }

    private async Task RouteInDialogAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (services.Registry.FindFor(request) is { } call)
        {
            await call.HandleInDialogAsync(transaction);
        }
        else if (request.Method != SipMethods.Ack)
        {
            await RespondAsync(transaction, SipResponse.CreateFor(request, 481)); // §12.2.2
        }
    }

    private async Task AdmitCallAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var options = services.Options;
        if (!numbers.Accepts(request.RequestUri.User))
        {
            await RejectAsync(transaction, 404, "Number not served here");
            return;
        }

        if (services.Registry.Count >= options.MaxConcurrentCalls)
        {
            var busy = SipResponse.CreateFor(request, 503);
            busy.Headers.Add("Retry-After", "5");
            await RejectAsync(transaction, busy, "At capacity");
            return;
        }

        var sessionTimer = SessionTimerPolicy.Negotiate(request, options.SessionExpires, options.MinSessionExpires);
        if (sessionTimer.TooSmall)
        {
            var tooSmall = SipResponse.CreateFor(request, 422);
            tooSmall.Headers.Add(SipHeaderNames.MinSE, ((int)options.MinSessionExpires.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await RejectAsync(transaction, tooSmall, "Session interval too small"); // RFC 4028 §9
            return;
        }

        if (request.Body.Length == 0)
        {
            await RejectAsync(transaction, 488, "An SDP offer in the INVITE is required");
            return;
        }

        if (!SessionDescription.TryParse(Encoding.UTF8.GetString(request.Body), out var offer, out var sdpError))
        {
            await RejectAsync(transaction, 400, "Bad SDP: " + sdpError);
            return;
        }

        CallMediaSession? media = null;
        try
        {
            media = services.CreateMediaSession();
            var sdp = new LocalSdpSession(services.Local.Address);
            var answer = services.Negotiator.Answer(offer, services.CreateLocalOffer(sdp, media.LocalRtpEndPoint.Port));
            if (!answer.Accepted)
            {
                await RejectAsync(transaction, 488, answer.RejectReason ?? "No common codec");
                await media.DisposeAsync();
                return;
            }

            var call = new Call(services, transaction, await ResolvePeerAsync(transaction), answer, media, sdp, sessionTimer);
            services.Registry.Add(call);
            media = null;
            _ = AnswerAsync(call);
        }
        finally
        {
            if (media is not null)
            {
                await media.DisposeAsync();
            }
        }
    }

    private async Task AnswerAsync(Call call)
    {
        try
        {
            await call.AnswerAsync();
        }
        catch (Exception error)
        {
            logger.LogError(error, "Call {CallId} failed while answering", call.Id);
            await call.EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.TemporaryFailure, "answer failed"), sendBye: true);
        }
    }

    /// <summary>RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE if it is still unanswered.</summary>
    private async Task CancelAsync(ServerTransaction cancel)
    {
        var invite = services.Transactions.FindInviteFor(cancel.Request);
        if (invite is null)
        {
            await RespondAsync(cancel, SipResponse.CreateFor(cancel.Request, 481));
            return;
        }

        await RespondAsync(cancel, SipResponse.CreateFor(cancel.Request, 200));
        if (services.Registry.FindByInvite(invite) is { } call)
        {
            await call.CancelAsync();
        }
        else if (!invite.HasFinalResponse)
        {
            await RespondAsync(invite, SipResponse.CreateFor(invite.Request, 487));
        }
    }

    /// <summary>
    /// Where in-dialog requests go. With a route set, its first hop (§12.2.1.1); otherwise back to where the
    /// INVITE came from, which reaches callers behind NAT whose Contact is a private address (symmetric
    /// signalling, the same idea as rport, RFC 3581).
    /// </summary>
    private static async Task<SipEndPoint> ResolvePeerAsync(ServerTransaction transaction)
    {
        var routes = transaction.Request.RecordRoutes;
        return routes.Count == 0 ? transaction.Source : await SipEndPointResolver.ResolveAsync(routes[0].Uri);
    }

    private static SipResponse OptionsResponse(SipRequest request)
    {
        // §11.2: OPTIONS is answered as an INVITE would be, here with our capabilities; a user-less
        // Request-URI (a trunk's keep-alive ping) is answered the same way.
        var response = WithAllow(SipResponse.CreateFor(request, 200));
        response.Headers.Add(SipHeaderNames.Accept, SipCapabilities.Accept);
        response.Headers.Add(SipHeaderNames.Supported, SipCapabilities.Supported);
        return response;
    }

    private static SipResponse WithAllow(SipResponse response)
    {
        response.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow);
        return response;
    }

    private Task RejectAsync(ServerTransaction transaction, int status, string reason) =>
        RejectAsync(transaction, SipResponse.CreateFor(transaction.Request, status), reason);

    private async Task RejectAsync(ServerTransaction transaction, SipResponse response, string reason)
    {
        var request = transaction.Request;
        logger.LogInformation("Refused {Method} from {Source} to {Uri}: {Status} {Reason}",
            request.Method, transaction.Source, request.RequestUri, response.StatusCode, reason);
        await RespondAsync(transaction, response);
        if (request.Method != SipMethods.Invite)
        {
            return;
        }

        services.Telemetry.CallRejected(response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await services.Bus.Publish(new CallRejected
        {
            CallId = Guid.NewGuid(),
            OccurredAt = services.Time.GetUtcNow(),
            SipCallId = request.CallId ?? string.Empty,
            From = request.From?.Uri.ToString() ?? string.Empty,
            CalledNumber = request.RequestUri.User ?? string.Empty,
            Source = transaction.Source.EndPoint.ToString(),
            SipStatus = response.StatusCode,
            Reason = reason,
        });
    }

    private static async Task RespondAsync(ServerTransaction transaction, SipResponse response)
    {
        if (response.StatusCode > 100 && response.To is { Tag: null } to)
        {
            to.Tag = Sip.Dialogs.SipDialog.NewTag(); // §8.2.6.2: a final response outside a dialog still gets a To tag
            response.To = to;
        }

        response.Headers.Add(SipHeaderNames.Server, SipCapabilities.UserAgent);
        await transaction.SendResponseAsync(response);
    }
}
