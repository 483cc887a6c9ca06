using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// A request we received and the responses the TU gives it (RFC 3261 §17.2). Retransmitted
/// requests are absorbed here and answered with the last response.
/// </summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected ServerTransaction(
        TransactionKey key,
        SipRequest request,
        SipEndPoint source,
        TransactionContext context,
        TransactionState initialState)
        : base(key, request, source, context, initialState)
    {
    }

    /// <summary>Where the request really came from; responses go back there (RFC 3261 §18.2.2).</summary>
    public SipEndPoint Source => Remote;

    /// <summary>The last response sent, resent when the request is retransmitted.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>True once a 2xx-6xx has been sent.</summary>
    public bool HasFinalResponse => LastResponse is { StatusCode: >= 200 };

    /// <summary>
    /// Sends a response through the state machine. Responses the state no longer allows
    /// (a second final response, RFC 3261 §17.2.2) are discarded; transport failures end the
    /// transaction (<see cref="TransactionEnd.TransportError"/>) rather than throw.
    /// </summary>
    public async ValueTask SendResponseAsync(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is < 100 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(response), response.StatusCode, "Status code must be 100-699.");
        }

        bool accepted;
        lock (Sync)
        {
            accepted = AcceptResponse(response);
        }

        if (accepted)
        {
            await SendAsync(response);
        }
        else
        {
            Logger.LogDebug("Transaction {Key}: {Status} discarded in state {State}", Key, response.StatusCode, State);
        }
    }

    /// <summary>Arms the first timers.</summary>
    internal abstract void Start();

    /// <summary>
    /// Applies a TU response to the state machine; true when it must be sent. Called with
    /// <see cref="SipTransaction.Sync"/> held.
    /// </summary>
    private protected abstract bool AcceptResponse(SipResponse response);

    /// <summary>
    /// Feeds a request matched to this transaction (a retransmission, or the ACK of an INVITE).
    /// Returns false when it belongs to the TU instead (RFC 6026 §7.1: ACK in Accepted).
    /// </summary>
    internal abstract bool OnRequest(SipRequest request);

    /// <summary>Resends <see cref="LastResponse"/> if there is one (RFC 3261 §17.2.1, §17.2.2).</summary>
    private protected void ResendLastResponse(SipResponse? last)
    {
        if (last is not null)
        {
            SendInBackground(last);
        }
    }

    private protected override void OnTransportError() => Terminate(TransactionEnd.TransportError);
}
