using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Sdp;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>Requests the caller sends inside the dialog (RFC 3261 §12.2.2) and the ones we send.</summary>
internal sealed partial class Call
{
    private bool _ourInvitePending;

    public async Task HandleInDialogAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        CallEndReason? hangUp = null;
        await _gate.WaitAsync();
        try
        {
            if (State == CallState.Ended)
            {
                await RespondAsync(transaction, 481);
                return;
            }

            if (_previousDialog is { } previous && previous.Matches(request))
            {
                await HandleOnReferringDialogAsync(transaction, previous);
                return;
            }

            if (!Dialog.TryAcceptRemoteSequence(request))
            {
                await RespondAsync(transaction, 500, "CSeq out of order"); // §12.2.2
                return;
            }

            switch (request.Method)
            {
                case SipMethods.Bye:
                    await RespondAsync(transaction, 200);
                    hangUp = CallEndReason.CallerHungUp(Q850Reason.Parse(request.Headers.Get(SipHeaderNames.Reason)));
                    break;
                case SipMethods.Invite or SipMethods.Update:
                    await HandleSessionModificationAsync(transaction);
                    break;
                case SipMethods.Info:
                    await HandleInfoAsync(transaction);
                    break;
                case SipMethods.Notify:
                    await HandleNotifyAsync(transaction);
                    break;
                case SipMethods.Refer:
                    await HandleIncomingReferAsync(transaction);
                    break;
                case SipMethods.Options:
                    await RespondAsync(transaction, 200);
                    break;
                default:
                    await RespondAsync(transaction, SipMethods.IsKnown(request.Method) ? 405 : 501);
                    break;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (hangUp is not null)
        {
            await EndAsync(hangUp, sendBye: false);
        }
    }

    /// <summary>A 2xx to one of our INVITEs came again (RFC 6026 §8.1: the UAC core re-sends its ACK).</summary>
    public async Task OnRetransmitted2xxAsync(SipResponse response)
    {
        if (_lastInviteAck is { } ack && response.CSeq?.Number == ack.CSeq?.Number)
        {
            await _services.Sender.SendAsync(ack, Peer);
        }
    }

    /// <summary>
    /// re-INVITE (RFC 3261 §14.2) and UPDATE (RFC 3311): hold/resume, codec changes and session refreshes.
    /// A new offer while our own is outstanding is glare: 491 (§14.2, RFC 3311 §5.2). An offer we cannot
    /// accept gets 488 and the session stays as it was.
    /// </summary>
    private async Task HandleSessionModificationAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var isInvite = request.Method == SipMethods.Invite;
        var hasOffer = request.Body.Length > 0;
        var glare = isInvite ? _ourInvitePending || State == CallState.Answered : _ourInvitePending && hasOffer;
        if (glare)
        {
            await RespondAsync(transaction, 491);
            return;
        }

        Dialog.RefreshTarget(request);
        if (hasOffer && !await ApplyOfferAsync(transaction))
        {
            return;
        }

        var ok = CreateResponse(request, 200);
        ok.Headers.Add(SipHeaderNames.Contact, Contact.ToString());
        AddSessionTimerRefresh(request, ok);
        // A re-INVITE's 2xx always carries SDP: our answer, or our current session as the offer when the
        // re-INVITE had none (§14.2). An UPDATE's 2xx carries an answer only to an offer.
        if (isInvite || hasOffer)
        {
            SetSdpBody(ok, _localAnswer);
        }

        await transaction.SendResponseAsync(ok);
    }

    private async Task<bool> ApplyOfferAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!SessionDescription.TryParse(Encoding.UTF8.GetString(request.Body), out var offer, out var error))
        {
            await RespondAsync(transaction, 400, "Bad SDP: " + error);
            return false;
        }

        var answer = _services.Negotiator.Answer(offer, _services.CreateLocalOffer(_sdp, _media.LocalRtpEndPoint.Port));
        if (!answer.Accepted)
        {
            await RespondAsync(transaction, 488, answer.RejectReason);
            return false;
        }

        _localAnswer = answer.Answer!;
        await UseNegotiatedAsync(answer.Media!);
        return true;
    }

    /// <summary>Applies a new negotiation to the media session and reports hold/resume when it changes (RFC 3264 §8.4); <paramref name="newPeer"/> after a transfer.</summary>
    private async Task UseNegotiatedAsync(NegotiatedMedia negotiated, bool newPeer = false)
    {
        _negotiated = negotiated;
        _media.Update(negotiated, newPeer);
        var onHold = !negotiated.Direction.CanSend();
        if (onHold != _onHold)
        {
            _onHold = onHold;
            _logger.LogInformation("Call {CallId} {HoldState}", Id, onHold ? "on hold" : "resumed");
            await _services.Bus.Publish(new CallHoldChanged { CallId = Id, OccurredAt = _services.Time.GetUtcNow(), OnHold = onHold });
        }
    }

    private async Task ApplyAnswerInAckAsync(SipRequest ack)
    {
        if (!SessionDescription.TryParse(Encoding.UTF8.GetString(ack.Body), out var answer, out var error))
        {
            _logger.LogWarning("Call {CallId}: unreadable SDP answer in ACK ignored: {Error}", Id, error);
            return;
        }

        var result = _services.Negotiator.ProcessAnswer(answer, _services.CreateLocalOffer(_sdp, _media.LocalRtpEndPoint.Port));
        if (result.Accepted)
        {
            await UseNegotiatedAsync(result.Media!);
        }
    }

    /// <summary>INFO carrying DTMF (application/dtmf-relay or application/dtmf), as many trunks still send it.</summary>
    private async Task HandleInfoAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Body.Length > 0 && DtmfRelayParser.TryParse(request.ContentType, Encoding.ASCII.GetString(request.Body), out var digit, out _))
        {
            OnDtmf(digit, "sip-info");
        }

        await RespondAsync(transaction, 200);
    }

    private static async Task RespondAsync(ServerTransaction transaction, int status, string? reason = null)
    {
        var response = CreateResponse(transaction.Request, status, reason);
        if (status == 200 && transaction.Request.Method == SipMethods.Options)
        {
            response.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow);
            response.Headers.Add(SipHeaderNames.Accept, SipCapabilities.Accept);
            response.Headers.Add(SipHeaderNames.Supported, SipCapabilities.Supported);
        }

        await transaction.SendResponseAsync(response);
    }

    private static SipResponse CreateResponse(SipRequest request, int status, string? reason = null)
    {
        var response = SipResponse.CreateFor(request, status, reason);
        response.Headers.Add(SipHeaderNames.Server, SipCapabilities.UserAgent);
        return response;
    }

    /// <summary>
    /// Sends a request inside the dialog through a client transaction and waits for its final response.
    /// For an INVITE the ACK for a 2xx is ours to send (§13.2.2.4), outside the transaction.
    /// </summary>
    private async Task<SipResponse> SendInDialogAsync(SipRequest request, SipEndPoint? destination = null)
    {
        var peer = destination ?? Peer;
        request.Headers.Insert(0, SipHeaderNames.Via, _services.Local.CreateVia(peer.Protocol, ViaHeader.NewBranch()).ToString());
        if (request.Method is SipMethods.Invite or SipMethods.Update or SipMethods.Refer)
        {
            request.Headers.Add(SipHeaderNames.Contact, Contact.ToString());
        }

        request.Headers.Add(SipHeaderNames.UserAgent, SipCapabilities.UserAgent);
        var transaction = _services.Transactions.CreateClient(request, peer);
        var response = await transaction.FinalResponse;
        if (request.Method == SipMethods.Invite && response.StatusCode is >= 200 and < 300)
        {
            var ack = Dialog.CreateRequest(SipMethods.Ack);
            ack.Headers.Set(SipHeaderNames.CSeq, new CSeqHeader(request.CSeq!.Number, SipMethods.Ack).ToString());
            ack.Headers.Insert(0, SipHeaderNames.Via, _services.Local.CreateVia(Peer.Protocol, ViaHeader.NewBranch()).ToString());
            _lastInviteAck = ack;
            await _services.Sender.SendAsync(ack, Peer);
        }

        return response;
    }
}
