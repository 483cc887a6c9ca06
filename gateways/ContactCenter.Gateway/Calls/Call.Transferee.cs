using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Media.Sdp;
using ContactCenter.Sip.Dialogs;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>
/// Being transferred (RFC 3515, RFC 5589 §6 as the transferee): the other side REFERs us to a new party. We call
/// it, report progress by NOTIFY on the referring dialog, and on success the call (engine, media, recording)
/// moves onto the new dialog; the referrer then hangs up its own, which no longer ends the call.
/// </summary>
internal sealed partial class Call
{
    /// <summary>Headers of the Refer-To URI that the INVITE must not take over: we set these ourselves.</summary>
    private static readonly HashSet<string> OwnInviteHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq,
        SipHeaderNames.Contact, SipHeaderNames.MaxForwards, SipHeaderNames.ContentType, SipHeaderNames.ContentLength,
    };

    private SipDialog? _previousDialog;
    private bool _beingTransferred;

    private async Task HandleIncomingReferAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!NameAddress.TryParse(request.Headers.Get(SipHeaderNames.ReferTo), out var referTo) || !referTo!.Uri.IsSip)
        {
            await RespondAsync(transaction, 400, "Missing or unusable Refer-To"); // RFC 3515 §2.4.1
            return;
        }

        if (_beingTransferred || _transferOutcome is not null || State != CallState.Confirmed)
        {
            await RespondAsync(transaction, 491); // one transfer at a time
            return;
        }

        _beingTransferred = true;
        await RespondAsync(transaction, 202);
        var referring = (Dialog, Peer);
        _ = Task.Run(() => BeTransferredAsync(referTo.Uri, request.Headers.Get(SipHeaderNames.ReferredBy), referring));
    }

    private async Task BeTransferredAsync(SipUri target, string? referredBy, (SipDialog Dialog, SipEndPoint Peer) referring)
    {
        var finalLine = "SIP/2.0 500 Server Internal Error";
        var succeeded = false;
        var status = 500;
        try
        {
            await NotifyReferrerAsync(referring, "SIP/2.0 100 Trying", "active;expires=60");
            var destination = await SipEndPointResolver.ResolveAsync(target);
            var (invite, offer, response) = await InviteTransferTargetAsync(target, referredBy, destination, referring);
            status = response.StatusCode;
            finalLine = $"SIP/2.0 {response.StatusCode} {response.ReasonPhrase}";
            succeeded = response.StatusCode is >= 200 and < 300 && await MoveToNewDialogAsync(invite, offer, response, destination);
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Call {CallId}: could not call transfer target {Target}", Id, target);
            finalLine = "SIP/2.0 503 Service Unavailable";
            status = 503;
        }
        finally
        {
            _beingTransferred = false;
        }

        // RFC 3515 §2.4.5: the final NOTIFY carries the triggered INVITE's final status and ends the subscription.
        await NotifyReferrerAsync(referring, finalLine, "terminated;reason=noresource");
        await _services.Bus.Publish(new CallTransferred
        {
            CallId = Id,
            OccurredAt = _services.Time.GetUtcNow(),
            Target = target.ToString(),
            Succeeded = succeeded,
            FinalStatus = status,
        });
        _logger.LogInformation("Call {CallId}: transferred by the far end to {Target}: {Status}", Id, target, finalLine);
        if (succeeded)
        {
            _ = HangUpReferrerUnlessItDoesAsync(referring);
        }
    }

    private async Task<(SipRequest Invite, LocalMediaOffer Offer, SipResponse Response)> InviteTransferTargetAsync(
        SipUri target, string? referredBy, SipEndPoint destination, (SipDialog Dialog, SipEndPoint Peer) referring)
    {
        var invite = new SipRequest(SipMethods.Invite, target.WithoutHeaders());
        invite.Headers.Add(SipHeaderNames.Via, _services.Local.CreateVia(destination.Protocol, ViaHeader.NewBranch()).ToString());
        invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
        var from = new NameAddress(referring.Dialog.LocalParty.Uri) { Tag = SipDialog.NewTag() };
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new NameAddress(target.WithoutHeaders()).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, $"{Guid.NewGuid():N}@{_services.Local.Host}");
        invite.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(1, SipMethods.Invite).ToString());
        invite.Headers.Add(SipHeaderNames.Contact, _services.Local.CreateContact(CalledNumber.Length > 0 ? CalledNumber : null, destination.Protocol).ToString());
        invite.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow);
        invite.Headers.Add(SipHeaderNames.Supported, SipCapabilities.Supported);
        invite.Headers.Add(SipHeaderNames.UserAgent, SipCapabilities.UserAgent);
        if (referredBy is not null)
        {
            invite.Headers.Add(SipHeaderNames.ReferredBy, referredBy); // RFC 3892 §3
        }

        // RFC 3515 §2.1: headers embedded in the Refer-To URI go into the INVITE (e.g. Replaces, context).
        foreach (var (name, value) in target.Headers.Where(header => !OwnInviteHeaders.Contains(header.Key)))
        {
            invite.Headers.Add(name, value);
        }

        var session = new LocalSdpSession(_services.Local.Address);
        var offer = _services.CreateLocalOffer(session, _media.LocalRtpEndPoint.Port);
        SetSdpBody(invite, session.CreateOffer(offer));
        var transaction = _services.Transactions.CreateClient(invite, destination);
        transaction.Provisional += ringing =>
        {
            if (ringing.StatusCode is 180 or 183)
            {
                _ = NotifyReferrerAsync(referring, $"SIP/2.0 {ringing.StatusCode} {ringing.ReasonPhrase}", "active;expires=60");
            }
        };
        return (invite, offer, await transaction.FinalResponse);
    }

    /// <summary>ACKs the 2xx (§13.2.2.4) and, if the call is still ours, moves it onto the new dialog; false when it cannot.</summary>
    private async Task<bool> MoveToNewDialogAsync(SipRequest invite, LocalMediaOffer offer, SipResponse ok, SipEndPoint destination)
    {
        var dialog = SipDialog.CreateAsClient(invite, ok);
        var ack = dialog.CreateRequest(SipMethods.Ack);
        ack.Headers.Set(SipHeaderNames.CSeq, new CSeqHeader(invite.CSeq!.Number, SipMethods.Ack).ToString());
        ack.Headers.Insert(0, SipHeaderNames.Via, _services.Local.CreateVia(destination.Protocol, ViaHeader.NewBranch()).ToString());
        await _services.Sender.SendAsync(ack, destination);

        var answer = SessionDescription.TryParse(Encoding.UTF8.GetString(ok.Body), out var sdp, out _)
            ? _services.Negotiator.ProcessAnswer(sdp, offer)
            : null;
        await _gate.WaitAsync();
        try
        {
            if (State == CallState.Ended || answer is not { Accepted: true })
            {
                // The referrer hung up meanwhile, or the answer has nothing we can play: release the new party.
                var bye = dialog.CreateRequest(SipMethods.Bye);
                bye.Headers.Add(SipHeaderNames.Reason, Q850Reason.Format(State == CallState.Ended ? Q850Reason.NormalClearing : Q850Reason.TemporaryFailure));
                _ = SendInDialogAsync(bye, destination);
                return false;
            }

            _previousDialog = Dialog;
            (Dialog, Peer, _sdp, _lastInviteAck) = (dialog, destination, offer.Session, ack);
            _services.Registry.AddDialog(this, dialog);
            await UseNegotiatedAsync(answer.Media!, newPeer: true);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>On the referring dialog only its BYE matters now (RFC 5589 §6): it ends that dialog, not the call.</summary>
    private async Task HandleOnReferringDialogAsync(ServerTransaction transaction, SipDialog previous)
    {
        var method = transaction.Request.Method;
        await RespondAsync(transaction, method is SipMethods.Bye or SipMethods.Options or SipMethods.Notify ? 200 : 481);
        if (method == SipMethods.Bye)
        {
            RetireReferringDialog(previous);
        }
    }

    /// <summary>The referrer should hang up after our final NOTIFY; if it has not within the transfer timeout, we do.</summary>
    private async Task HangUpReferrerUnlessItDoesAsync((SipDialog Dialog, SipEndPoint Peer) referring)
    {
        try
        {
            await Task.Delay(_services.Options.TransferTimeout, _services.Time, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            if (_previousDialog != referring.Dialog)
            {
                return;
            }

            var bye = referring.Dialog.CreateRequest(SipMethods.Bye);
            bye.Headers.Add(SipHeaderNames.Reason, Q850Reason.Format(Q850Reason.NormalClearing));
            _ = SendInDialogAsync(bye, referring.Peer);
            RetireReferringDialog(referring.Dialog);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RetireReferringDialog(SipDialog previous)
    {
        _services.Registry.RemoveDialog(previous);
        _previousDialog = null;
    }

    private async Task NotifyReferrerAsync((SipDialog Dialog, SipEndPoint Peer) referring, string sipfrag, string subscriptionState)
    {
        SipRequest notify;
        await _gate.WaitAsync();
        try
        {
            if (State == CallState.Ended)
            {
                return;
            }

            notify = referring.Dialog.CreateRequest(SipMethods.Notify);
        }
        finally
        {
            _gate.Release();
        }

        notify.Headers.Add(SipHeaderNames.Event, "refer");
        notify.Headers.Add(SipHeaderNames.SubscriptionState, subscriptionState);
        notify.Headers.Add(SipHeaderNames.ContentType, "message/sipfrag;version=2.0");
        notify.Body = Encoding.ASCII.GetBytes(sipfrag + "\r\n");
        await SendInDialogAsync(notify, referring.Peer);
    }
}
