using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Media;
using ContactCenter.Media.Sdp;
using ContactCenter.Sip.Dialogs;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>
/// One answered (or ringing) inbound call: its dialog, its media session and its engine stream.
/// Every SIP event of the call is handled under one lock, so the state machine sees one event at a time.
/// </summary>
internal sealed partial class Call : IAsyncDisposable
{
    private readonly CallServices _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CallMediaSession _media;
    private LocalSdpSession _sdp;
    private readonly List<ITimer> _timers = [];
    private NegotiatedMedia _negotiated;
    private SessionDescription _localAnswer;
    private ICallAudioStream? _engine;
    private SipResponse? _finalOk;
    private SipRequest? _lastInviteAck;
    private SessionTimerDecision _sessionTimer;
    private ITimer? _sessionTimerHandle;
    private DateTimeOffset _answeredAt;
    private string? _transferredTo;
    private bool _onHold;

    public Call(CallServices services, ServerTransaction invite, SipEndPoint signallingPeer, SdpAnswer answer,
        CallMediaSession media, LocalSdpSession sdp, SessionTimerDecision sessionTimer)
    {
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<Call>();
        Invite = invite;
        Peer = signallingPeer;
        _media = media;
        _sdp = sdp;
        _negotiated = answer.Media!;
        _localAnswer = answer.Answer!;
        _sessionTimer = sessionTimer;
        var request = invite.Request;
        Dialog = SipDialog.CreateAsServer(request, SipDialog.NewTag());
        From = request.From?.Uri.ToString() ?? string.Empty;
        CalledNumber = request.RequestUri.User ?? string.Empty;
        Contact = services.Local.CreateContact(CalledNumber.Length > 0 ? CalledNumber : null, invite.Source.Protocol);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public ServerTransaction Invite { get; }

    public SipDialog Dialog { get; private set; }

    /// <summary>Where this call's in-dialog requests go: the INVITE's source or its first Record-Route.</summary>
    public SipEndPoint Peer { get; private set; }

    /// <summary>The dialogs the registry must route to this call: the current one and, after we were transferred, the referrer's until it hangs up.</summary>
    public IReadOnlyList<SipDialog> Dialogs => _previousDialog is { } previous ? [Dialog, previous] : [Dialog];

    public CallState State { get; private set; } = CallState.Ringing;

    public string From { get; }

    public string CalledNumber { get; }

    public NameAddress Contact { get; }

    public string Codec => _negotiated.CodecName;

    public LiveCall Snapshot() => new(Id, From, CalledNumber, State, Codec, _onHold);

    /// <summary>Sends 180, waits the configured ring time, answers with 200 + SDP and starts media and the engine.</summary>
    public async Task AnswerAsync()
    {
        await SendInviteResponseAsync(180, withSdp: false);
        if (_services.Options.RingTime > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_services.Options.RingTime, _services.Time, _lifetime.Token);
            }
            catch (OperationCanceledException)
            {
                return; // CANCEL won the race
            }
        }

        await _gate.WaitAsync();
        try
        {
            if (State != CallState.Ringing)
            {
                return;
            }

            _media.Start(_negotiated);
            _finalOk = await SendInviteResponseAsync(200, withSdp: true);
            _answeredAt = _services.Time.GetUtcNow();
            State = CallState.Answered;
            _services.Telemetry.CallAnswered(Codec);
            StartOkRetransmission();
            StartSessionTimer();
            // Still under the gate: a BYE racing the answer waits, so the engine stream is open before anything
            // can release it, and CallStarted is published before any CallEnded.
            await StartEngineAsync();
            await _services.Bus.Publish(new CallStarted
            {
                CallId = Id,
                OccurredAt = _answeredAt,
                SipCallId = Dialog.CallId,
                From = From,
                CalledNumber = CalledNumber,
                Source = Invite.Source.EndPoint.ToString(),
                Codec = Codec,
            });
        }
        finally
        {
            _gate.Release();
        }

        _logger.LogInformation("Call {CallId} from {From} to {Called} answered with {Codec}", Id, From, CalledNumber, Codec);
    }

    /// <summary>CANCEL for our INVITE (RFC 3261 §9.2): 487 when still ringing; no effect once answered.</summary>
    public async Task<bool> CancelAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (State != CallState.Ringing)
            {
                return false;
            }

            State = CallState.Ended;
            await _lifetime.CancelAsync();
            await Invite.SendResponseAsync(CreateInviteResponse(487));
        }
        finally
        {
            _gate.Release();
        }

        await ReleaseAsync();
        _services.Telemetry.CallRejected("cancelled");
        await _services.Bus.Publish(new CallRejected
        {
            CallId = Id,
            OccurredAt = _services.Time.GetUtcNow(),
            SipCallId = Dialog.CallId,
            From = From,
            CalledNumber = CalledNumber,
            Source = Invite.Source.EndPoint.ToString(),
            SipStatus = 487,
            Reason = "cancelled by caller before answer",
        });
        return true;
    }

    /// <summary>The ACK for our 2xx (it arrives outside the transaction, RFC 6026 §8.1): the dialog is confirmed.</summary>
    public async Task OnAckAsync(SipRequest ack)
    {
        await _gate.WaitAsync();
        try
        {
            if (ack.CSeq?.Number == Invite.Request.CSeq?.Number && State == CallState.Answered)
            {
                State = CallState.Confirmed;
            }
            else if (ack.Body.Length > 0 && State == CallState.Confirmed)
            {
                await ApplyAnswerInAckAsync(ack); // the answer to the offer our 2xx made to an offerless re-INVITE (§14.2)
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the call: BYE when we hang up, media and engine released, CDR published. Idempotent.</summary>
    public async Task EndAsync(CallEndReason reason, bool sendBye)
    {
        await _gate.WaitAsync();
        try
        {
            if (State == CallState.Ended)
            {
                return;
            }

            var wasRinging = State == CallState.Ringing;
            State = CallState.Ended;
            await _lifetime.CancelAsync();
            if (wasRinging)
            {
                await Invite.SendResponseAsync(CreateInviteResponse(480));
            }
            else if (sendBye)
            {
                var bye = Dialog.CreateRequest(SipMethods.Bye);
                bye.Headers.Add(SipHeaderNames.Reason, Q850Reason.Format(reason.Q850Cause));
                _ = SendInDialogAsync(bye); // a BYE that gets no answer still ends the call (§15.1.1)
            }
        }
        finally
        {
            _gate.Release();
        }

        var statistics = _media.Statistics;
        await ReleaseAsync(reason.Q850Cause);
        var endedAt = _services.Time.GetUtcNow();
        var duration = _answeredAt == default ? TimeSpan.Zero : endedAt - _answeredAt;
        if (_answeredAt != default)
        {
            _services.Telemetry.CallEnded(duration, reason.By); // balances CallAnswered; a call that only rang never counted as active
        }

        await _services.Bus.Publish(new CallEnded
        {
            CallId = Id,
            OccurredAt = endedAt,
            SipCallId = Dialog.CallId,
            From = From,
            CalledNumber = CalledNumber,
            HungUpBy = reason.By,
            Q850Cause = reason.Q850Cause,
            Reason = reason.Text,
            Codec = Codec,
            AnsweredAt = _answeredAt,
            Duration = duration,
            TransferredTo = _transferredTo,
            Rtp = new RtpQuality
            {
                PacketsSent = statistics.PacketsSent,
                PacketsReceived = statistics.PacketsReceived,
                PacketsLost = statistics.PacketsLost,
                LossFraction = statistics.FractionLost,
                JitterMs = statistics.JitterMs,
                RemoteLossFraction = statistics.RemoteFractionLost,
                RemoteJitterMs = statistics.RemoteJitterMs,
            },
        });
        _logger.LogInformation("Call {CallId} ended by {By}: Q.850 {Cause} ({Text}) after {Duration}", Id, reason.By, reason.Q850Cause, reason.Text, duration);
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.NormalClearing, "gateway shutting down"), sendBye: true);
        _lifetime.Dispose();
        _gate.Dispose();
    }

    private async Task ReleaseAsync(int q850Cause = Q850Reason.NormalClearing)
    {
        foreach (var timer in _timers)
        {
            await timer.DisposeAsync();
        }

        if (_engine is not null)
        {
            _engine.ToEngine.TryWrite(new CallerHungUp(q850Cause));
            _engine.ToEngine.TryComplete();
            await _engine.DisposeAsync();
        }

        await _media.DisposeAsync();
        _services.Registry.Remove(this);
    }

    private ITimer StartTimer(TimerCallback callback, TimeSpan due, TimeSpan period)
    {
        var timer = _services.Time.CreateTimer(callback, null, due, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>
    /// RFC 3261 §13.3.1.4: over UDP the UAS core resends its 2xx at T1, doubling to T2, until the ACK;
    /// without an ACK after 64·T1 the dialog is confirmed and then torn down with BYE.
    /// </summary>
    private void StartOkRetransmission()
    {
        var timers = _services.Timers;
        var started = _services.Time.GetTimestamp();
        var interval = timers.T1;
        var next = interval;
        ITimer? handle = null;
        handle = StartTimer(_ => _ = OnTickAsync(), timers.T1, timers.T1);

        async Task OnTickAsync()
        {
            var elapsed = _services.Time.GetElapsedTime(started);
            if (State != CallState.Answered)
            {
                handle?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            if (elapsed >= timers.TransactionTimeout)
            {
                handle?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _logger.LogWarning("Call {CallId}: no ACK for 200 OK within 64*T1", Id);
                await EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.RecoveryOnTimerExpiry, "no ACK for 200 OK"), sendBye: true);
                return;
            }

            if (elapsed >= next && !Invite.Source.IsReliable && _finalOk is not null)
            {
                await _services.Sender.SendAsync(_finalOk, Invite.Source);
                interval = timers.NextCapped(interval);
                next = elapsed + interval;
            }
        }
    }

    private async Task<SipResponse> SendInviteResponseAsync(int status, bool withSdp)
    {
        var response = CreateInviteResponse(status);
        response.Headers.Add(SipHeaderNames.Contact, Contact.ToString());
        response.Headers.Add(SipHeaderNames.Allow, SipCapabilities.Allow);
        response.Headers.Add(SipHeaderNames.Supported, SipCapabilities.Supported);
        if (withSdp)
        {
            if (_sessionTimer.HeaderValue is { } sessionExpires)
            {
                response.Headers.Add(SipHeaderNames.SessionExpires, sessionExpires);
                if (_sessionTimer.RequireTimer)
                {
                    response.Headers.Add(SipHeaderNames.Require, "timer");
                }
            }

            SetSdpBody(response, _localAnswer);
        }

        await Invite.SendResponseAsync(response);
        return response;
    }

    private SipResponse CreateInviteResponse(int status)
    {
        var response = SipResponse.CreateFor(Invite.Request, status);
        if (response.To is { } to && status > 100)
        {
            to.Tag = Dialog.LocalTag;
            response.To = to;
        }

        response.Headers.Add(SipHeaderNames.Server, SipCapabilities.UserAgent);
        return response;
    }

    private static void SetSdpBody(SipMessage message, SessionDescription sdp)
    {
        message.Headers.Set(SipHeaderNames.ContentType, "application/sdp");
        message.Body = System.Text.Encoding.ASCII.GetBytes(sdp.ToString());
    }
}
