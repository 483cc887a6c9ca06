using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// A request we sent and the responses to it (RFC 3261 §17.1). The TU awaits
/// <see cref="FinalResponse"/>; timeouts and transport failures complete it with a
/// synthesized 408 or 503 (RFC 3261 §8.1.3.1, §17.1.4).
/// </summary>
public abstract class ClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ClientTransaction(
        TransactionKey key,
        SipRequest request,
        SipEndPoint destination,
        TransactionContext context,
        TransactionState initialState)
        : base(key, request, destination, context, initialState)
    {
    }

    /// <summary>Raised for each 1xx passed up to the TU, on the receiving thread.</summary>
    public event Action<SipResponse>? Provisional;

    /// <summary>The first final response (or the synthesized 408/503).</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    public SipEndPoint Destination => Remote;

    /// <summary>Sends the request and arms the first timers.</summary>
    internal abstract void Start();

    /// <summary>
    /// Feeds a response matched to this transaction. Returns false when the response belongs to
    /// the TU outside the transaction (RFC 6026 §7.2: 2xx retransmissions in Accepted).
    /// </summary>
    internal abstract bool OnResponse(SipResponse response);

    private protected void RaiseProvisional(SipResponse response)
    {
        try
        {
            Provisional?.Invoke(response);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Transaction {Key}: provisional response handler failed", Key);
        }
    }

    /// <summary>Hands the final response to the TU; only the first one counts.</summary>
    private protected void CompleteFinal(SipResponse response) => _final.TrySetResult(response);

    /// <summary>RFC 3261 §8.1.3.1: a timeout or transport error looks like a response to the TU.</summary>
    private protected SipResponse Synthesize(int statusCode) => SipResponse.CreateFor(Request, statusCode);

    private protected override void OnTransportError()
    {
        if (State == TransactionState.Terminated)
        {
            return;
        }

        CompleteFinal(Synthesize(503));
        Terminate(TransactionEnd.TransportError);
    }
}
