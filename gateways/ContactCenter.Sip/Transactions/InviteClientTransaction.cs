using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1 INVITE client transaction with the RFC 6026 §7.2 Accepted state:
/// Calling (timers A, B) → Proceeding → Completed (ACK, timer D) or Accepted (timer M) → Terminated.
/// </summary>
public sealed class InviteClientTransaction : ClientTransaction
{
    private ITimer? _timerA;
    private ITimer? _timerB;
    private TimeSpan _intervalA;
    private SipRequest? _ack;

    internal InviteClientTransaction(TransactionKey key, SipRequest request, SipEndPoint destination, TransactionContext context)
        : base(key, request, destination, context, TransactionState.Calling)
    {
    }

    internal override void Start()
    {
        lock (Sync)
        {
            // RFC 3261 §17.1.1.2: timer A only for unreliable transports; B always.
            if (!IsReliable)
            {
                _intervalA = Timers.T1;
                _timerA = StartTimer(_intervalA, OnTimerA);
            }

            _timerB = StartTimer(Timers.TransactionTimeout, OnTimerB);
        }

        SendInBackground(Request);
    }

    /// <summary>
    /// Builds the CANCEL for this INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, To, From,
    /// CSeq number and a single Via equal to the INVITE's top Via, so it reaches the same server.
    /// </summary>
    public SipRequest CreateCancel() => BuildHopByHop(SipMethods.Cancel, Request.Headers.Get(SipHeaderNames.To));

    internal override bool OnResponse(SipResponse response)
    {
        var provisional = false;
        SipMessage? send = null;
        lock (Sync)
        {
            switch (State)
            {
                case TransactionState.Calling or TransactionState.Proceeding when response.StatusCode < 200:
                    // §17.1.1.2: a provisional stops retransmissions; B no longer matters.
                    Stop(ref _timerA);
                    Stop(ref _timerB);
                    MoveTo(TransactionState.Proceeding);
                    provisional = true;
                    break;

                case TransactionState.Calling or TransactionState.Proceeding when response.StatusCode < 300:
                    // RFC 6026 §7.2: 2xx → Accepted; timer M keeps the transaction to catch retransmitted 2xx.
                    Stop(ref _timerA);
                    Stop(ref _timerB);
                    MoveTo(TransactionState.Accepted);
                    CompleteFinal(response);
                    StartCleanup(Timers.TransactionTimeout);
                    break;

                case TransactionState.Calling or TransactionState.Proceeding:
                    // §17.1.1.2: 300-699 → ACK it, hand it up, wait timer D for retransmissions.
                    Stop(ref _timerA);
                    Stop(ref _timerB);
                    MoveTo(TransactionState.Completed);
                    _ack = BuildAck(response);
                    send = _ack;
                    CompleteFinal(response);
                    StartCleanup(Timers.TimerD(IsReliable));
                    break;

                case TransactionState.Completed when response.StatusCode >= 300:
                    // §17.1.1.2: a retransmitted final response gets the ACK again, not the TU.
                    send = _ack;
                    break;

                case TransactionState.Accepted when response.StatusCode is >= 200 and < 300:
                    // RFC 6026 §7.2: further 2xx (retransmissions, forks) go to the TU.
                    return false;

                default:
                    break;
            }
        }

        if (provisional)
        {
            RaiseProvisional(response);
        }

        if (send is not null)
        {
            SendInBackground(send);
        }

        return true;
    }

    private void OnTimerA()
    {
        lock (Sync)
        {
            if (State != TransactionState.Calling)
            {
                return;
            }

            // §17.1.1.2: timer A doubles each time, with no T2 cap for INVITE.
            _intervalA *= 2;
            Restart(_timerA, _intervalA);
        }

        SendInBackground(Request);
    }

    private void OnTimerB()
    {
        lock (Sync)
        {
            if (State != TransactionState.Calling)
            {
                return;
            }

            CompleteFinal(Synthesize(408));
            Terminate(TransactionEnd.Timeout);
        }
    }

    /// <summary>
    /// RFC 3261 §17.1.1.3: the ACK for a non-2xx has the INVITE's Request-URI, Call-ID, From,
    /// CSeq number and Route set, the response's To (with its tag) and a single Via equal to the
    /// INVITE's top Via.
    /// </summary>
    private SipRequest BuildAck(SipResponse response) =>
        BuildHopByHop(SipMethods.Ack, response.Headers.Get(SipHeaderNames.To) ?? Request.Headers.Get(SipHeaderNames.To));

    private SipRequest BuildHopByHop(string method, string? to)
    {
        var request = new SipRequest(method, Request.RequestUri);
        var headers = request.Headers;
        headers.Add(SipHeaderNames.Via, Request.Headers.Get(SipHeaderNames.Via) ?? string.Empty);
        headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in Request.Headers.GetAll(SipHeaderNames.Route))
        {
            headers.Add(SipHeaderNames.Route, route);
        }

        CopyIfPresent(headers, SipHeaderNames.From, Request.Headers.Get(SipHeaderNames.From));
        CopyIfPresent(headers, SipHeaderNames.To, to);
        CopyIfPresent(headers, SipHeaderNames.CallId, Request.CallId);
        var number = Request.CSeq?.Number ?? 1;
        headers.Add(SipHeaderNames.CSeq, new CSeqHeader(number, method).ToString());
        return request;
    }

    private static void CopyIfPresent(SipHeaderCollection headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(name, value);
        }
    }
}
