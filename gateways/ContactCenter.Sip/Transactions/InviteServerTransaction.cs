using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.1 INVITE server transaction with RFC 6026 §7.1's Accepted state:
/// Proceeding (automatic 100 after 200 ms) → Accepted on 2xx (timer L) or Completed on
/// 300-699 (timers G, H) → Confirmed on ACK (timer I) → Terminated.
/// </summary>
public sealed class InviteServerTransaction : ServerTransaction
{
    private ITimer? _timerTrying;
    private ITimer? _timerG;
    private ITimer? _timerH;
    private TimeSpan _intervalG;

    internal InviteServerTransaction(TransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context)
        : base(key, request, source, context, TransactionState.Proceeding)
    {
    }

    internal override void Start()
    {
        lock (Sync)
        {
            // §17.2.1: send 100 Trying ourselves unless the TU answers within 200 ms.
            _timerTrying = StartTimer(Timers.TryingDelay, OnTryingTimer);
        }
    }

    private protected override bool AcceptResponse(SipResponse response)
    {
        switch (State)
        {
            case TransactionState.Proceeding:
                Stop(ref _timerTrying);
                LastResponse = response;
                if (response.StatusCode < 200)
                {
                    return true;
                }

                if (response.StatusCode < 300)
                {
                    // RFC 6026 §7.1: 2xx → Accepted; the TU retransmits the 2xx itself
                    // (RFC 3261 §13.3.1.4), timer L lets retransmitted INVITEs be absorbed.
                    MoveTo(TransactionState.Accepted);
                    StartCleanup(Timers.TransactionTimeout);
                    return true;
                }

                // §17.2.1: 300-699 → Completed; G retransmits (unreliable only), H gives up on the ACK.
                MoveTo(TransactionState.Completed);
                if (!IsReliable)
                {
                    _intervalG = Timers.T1;
                    _timerG = StartTimer(_intervalG, OnTimerG);
                }

                _timerH = StartTimer(Timers.TransactionTimeout, OnTimerH);
                return true;

            case TransactionState.Accepted:
                // RFC 6026 §7.1: 2xx from the TU in Accepted (its retransmissions) are sent.
                return response.StatusCode is >= 200 and < 300;

            default:
                return false;
        }
    }

    internal override bool OnRequest(SipRequest request)
    {
        SipResponse? resend = null;
        lock (Sync)
        {
            if (request.Method == SipMethods.Ack)
            {
                switch (State)
                {
                    case TransactionState.Completed:
                        // §17.2.1: ACK → Confirmed; timer I absorbs further ACKs.
                        Stop(ref _timerG);
                        Stop(ref _timerH);
                        MoveTo(TransactionState.Confirmed);
                        StartCleanup(Timers.TimerIorK(IsReliable));
                        return true;
                    case TransactionState.Accepted:
                        // RFC 6026 §7.1: the ACK for a 2xx is the TU's (dialog layer's).
                        return false;
                    default:
                        return true;
                }
            }

            // A retransmitted INVITE: §17.2.1 resends the last provisional (Proceeding) or the
            // final response (Completed); RFC 6026 §7.1 absorbs it silently in Accepted.
            if (State is TransactionState.Proceeding or TransactionState.Completed)
            {
                resend = LastResponse;
            }
        }

        ResendLastResponse(resend);
        return true;
    }

    private void OnTryingTimer()
    {
        SipResponse trying;
        lock (Sync)
        {
            if (State != TransactionState.Proceeding || LastResponse is not null)
            {
                return;
            }

            // RFC 3261 §8.2.6.1: a 100 copies the request's headers and never adds a To tag.
            trying = SipResponse.CreateFor(Request, 100);
            LastResponse = trying;
        }

        SendInBackground(trying);
    }

    private void OnTimerG()
    {
        SipResponse? resend;
        lock (Sync)
        {
            if (State != TransactionState.Completed)
            {
                return;
            }

            // §17.2.1: G doubles up to T2.
            _intervalG = Timers.NextCapped(_intervalG);
            Restart(_timerG, _intervalG);
            resend = LastResponse;
        }

        ResendLastResponse(resend);
    }

    private void OnTimerH()
    {
        lock (Sync)
        {
            if (State == TransactionState.Completed)
            {
                // §17.2.1: no ACK arrived; the TU sees End == Timeout.
                Terminate(TransactionEnd.Timeout);
            }
        }
    }
}
