using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.2 non-INVITE server transaction:
/// Trying → Proceeding (1xx) → Completed (final, timer J) → Terminated.
/// </summary>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    internal NonInviteServerTransaction(TransactionKey key, SipRequest request, SipEndPoint source, TransactionContext context)
        : base(key, request, source, context, TransactionState.Trying)
    {
    }

    internal override void Start()
    {
        // No timer runs until the TU sends a final response (§17.2.2).
    }

    private protected override bool AcceptResponse(SipResponse response)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            // §17.2.2: final responses after the first are discarded.
            return false;
        }

        LastResponse = response;
        if (response.StatusCode < 200)
        {
            MoveTo(TransactionState.Proceeding);
            return true;
        }

        MoveTo(TransactionState.Completed);
        StartCleanup(Timers.TimerJ(IsReliable));
        return true;
    }

    internal override bool OnRequest(SipRequest request)
    {
        SipResponse? resend = null;
        lock (Sync)
        {
            // §17.2.2: in Trying a retransmission is discarded; later it gets the last response.
            if (State is TransactionState.Proceeding or TransactionState.Completed)
            {
                resend = LastResponse;
            }
        }

        ResendLastResponse(resend);
        return true;
    }
}
