using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.2 non-INVITE client transaction:
/// Trying (timers E, F) → Proceeding → Completed (timer K) → Terminated.
/// </summary>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    private ITimer? _timerE;
    private ITimer? _timerF;
    private TimeSpan _intervalE;

    internal NonInviteClientTransaction(TransactionKey key, SipRequest request, SipEndPoint destination, TransactionContext context)
        : base(key, request, destination, context, TransactionState.Trying)
    {
    }

    internal override void Start()
    {
        lock (Sync)
        {
            // §17.1.2.2: timer E only for unreliable transports; F always.
            if (!IsReliable)
            {
                _intervalE = Timers.T1;
                _timerE = StartTimer(_intervalE, OnTimerE);
            }

            _timerF = StartTimer(Timers.TransactionTimeout, OnTimerF);
        }

        SendInBackground(Request);
    }

    internal override bool OnResponse(SipResponse response)
    {
        var provisional = false;
        lock (Sync)
        {
            switch (State)
            {
                case TransactionState.Trying or TransactionState.Proceeding when response.StatusCode < 200:
                    MoveTo(TransactionState.Proceeding);
                    provisional = true;
                    break;

                case TransactionState.Trying or TransactionState.Proceeding:
                    // §17.1.2.2: any final response completes; K absorbs retransmitted responses.
                    Stop(ref _timerE);
                    Stop(ref _timerF);
                    MoveTo(TransactionState.Completed);
                    CompleteFinal(response);
                    StartCleanup(Timers.TimerIorK(IsReliable));
                    break;

                default:
                    // Completed: retransmissions are absorbed.
                    break;
            }
        }

        if (provisional)
        {
            RaiseProvisional(response);
        }

        return true;
    }

    private void OnTimerE()
    {
        lock (Sync)
        {
            // §17.1.2.2: E doubles up to T2 while Trying, and is T2 in Proceeding.
            switch (State)
            {
                case TransactionState.Trying:
                    _intervalE = Timers.NextCapped(_intervalE);
                    break;
                case TransactionState.Proceeding:
                    _intervalE = Timers.T2;
                    break;
                default:
                    return;
            }

            Restart(_timerE, _intervalE);
        }

        SendInBackground(Request);
    }

    private void OnTimerF()
    {
        lock (Sync)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }

            CompleteFinal(Synthesize(408));
            Terminate(TransactionEnd.Timeout);
        }
    }
}
