using System.Collections.Concurrent;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// RFC 3261 §17 transaction layer: matches incoming messages to transactions (§17.1.3, §17.2.3),
/// creates server transactions for new requests and client transactions for the TU's requests.
/// What belongs to no transaction (ACK for a 2xx, stray or retransmitted 2xx) goes to
/// <see cref="Stray"/>, the dialog layer's entry point (RFC 6026).
/// </summary>
public sealed class SipTransactionLayer
{
    private readonly ConcurrentDictionary<TransactionKey, ClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<TransactionKey, ServerTransaction> _servers = new();
    private readonly TransactionContext _context;
    private readonly ILogger _logger;

    public SipTransactionLayer(ISipMessageSender sender, TimeProvider time, SipTimers timers, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(timers);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _context = new TransactionContext(sender, time, timers, logger, Remove);
    }

    /// <summary>A new request created a server transaction; the TU answers through it.</summary>
    public Func<ServerTransaction, ValueTask>? NewRequest { get; set; }

    /// <summary>Messages outside any transaction: ACK for 2xx, responses with no client transaction, 2xx retransmissions.</summary>
    public Func<IncomingMessage, ValueTask>? Stray { get; set; }

    /// <summary>Live transactions (clients + servers).</summary>
    public int Count => _clients.Count + _servers.Count;

    /// <summary>
    /// Starts a client transaction and sends the request. A top Via is required; a missing
    /// branch is filled in with a fresh RFC 3261 §8.1.1.7 branch. ACK is never a transaction:
    /// the TU sends the ACK for a 2xx itself (§13.2.2.4).
    /// </summary>
    public ClientTransaction CreateClient(SipRequest request, SipEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("ACK is sent without a transaction.", nameof(request));
        }

        EnsureBranch(request);
        var key = TransactionKey.ForClient(request)
            ?? throw new ArgumentException("The request needs a CSeq and a top Via.", nameof(request));
        ClientTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(key, request, destination, _context)
            : new NonInviteClientTransaction(key, request, destination, _context);
        if (!_clients.TryAdd(key, transaction))
        {
            throw new InvalidOperationException($"A client transaction {key} already exists.");
        }

        transaction.Start();
        return transaction;
    }

    /// <summary>The INVITE server transaction a CANCEL targets (RFC 3261 §9.2), or null.</summary>
    public ServerTransaction? FindInviteFor(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        return TransactionKey.ForCancelledInvite(cancel) is { } key && _servers.TryGetValue(key, out var invite)
            ? invite
            : null;
    }

    /// <summary>
    /// Routes one received message. Returns true when a transaction took it (matched or newly
    /// created), false when it went to <see cref="Stray"/> or could not be matched at all.
    /// </summary>
    public async ValueTask<bool> OnIncomingAsync(IncomingMessage incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming.Message switch
        {
            SipResponse response => await OnResponseAsync(response, incoming),
            SipRequest request => await OnRequestAsync(request, incoming),
            _ => false,
        };
    }

    private async ValueTask<bool> OnResponseAsync(SipResponse response, IncomingMessage incoming)
    {
        // §17.1.3: branch of the top Via + CSeq method.
        if (TransactionKey.ForClient(response) is { } key
            && _clients.TryGetValue(key, out var client)
            && client.OnResponse(response))
        {
            return true;
        }

        await DeliverStrayAsync(incoming);
        return false;
    }

    private async ValueTask<bool> OnRequestAsync(SipRequest request, IncomingMessage incoming)
    {
        if (TransactionKey.ForServer(request) is not { } key)
        {
            _logger.LogDebug("Request {Method} without Via/CSeq dropped", request.Method);
            return false;
        }

        if (_servers.TryGetValue(key, out var existing))
        {
            if (existing.OnRequest(request))
            {
                return true;
            }

            await DeliverStrayAsync(incoming);
            return false;
        }

        if (request.Method == SipMethods.Ack)
        {
            // §17.2.3 / RFC 6026: an ACK matching nothing acknowledges a 2xx; the dialog takes it.
            await DeliverStrayAsync(incoming);
            return false;
        }

        ServerTransaction created = request.Method == SipMethods.Invite
            ? new InviteServerTransaction(key, request, incoming.Source, _context)
            : new NonInviteServerTransaction(key, request, incoming.Source, _context);
        var transaction = _servers.GetOrAdd(key, created);
        if (!ReferenceEquals(transaction, created))
        {
            // The same request arrived twice at once: the copy that lost is a retransmission.
            return transaction.OnRequest(request);
        }

        transaction.Start();
        await DispatchNewRequestAsync(transaction);
        return true;
    }

    private async ValueTask DispatchNewRequestAsync(ServerTransaction transaction)
    {
        var handler = NewRequest;
        if (handler is null)
        {
            _logger.LogWarning("No handler for {Method}; answering 503", transaction.Request.Method);
            await transaction.SendResponseAsync(SipResponse.CreateFor(transaction.Request, 503));
            return;
        }

        try
        {
            await handler(transaction);
        }
        catch (Exception ex)
        {
            // A TU bug must not leave the peer retransmitting into silence (RFC 3261 §21.5.1).
            _logger.LogError(ex, "Handler for {Method} failed", transaction.Request.Method);
            if (!transaction.HasFinalResponse)
            {
                await transaction.SendResponseAsync(SipResponse.CreateFor(transaction.Request, 500));
            }
        }
    }

    private async ValueTask DeliverStrayAsync(IncomingMessage incoming)
    {
        var handler = Stray;
        if (handler is null)
        {
            _logger.LogDebug("Stray {Message} from {Source} dropped", incoming.Message.GetType().Name, incoming.Source);
            return;
        }

        try
        {
            await handler(incoming);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Stray handler failed for message from {Source}", incoming.Source);
        }
    }

    private void Remove(SipTransaction transaction)
    {
        switch (transaction)
        {
            case ClientTransaction client:
                _clients.TryRemove(KeyValuePair.Create(client.Key, client));
                break;
            case ServerTransaction server:
                _servers.TryRemove(KeyValuePair.Create(server.Key, server));
                break;
        }
    }

    /// <summary>RFC 3261 §8.1.1.7: every request we originate carries a unique magic-cookie branch.</summary>
    private static void EnsureBranch(SipRequest request)
    {
        var via = request.TopVia ?? throw new ArgumentException("The request needs a top Via.", nameof(request));
        if (!string.IsNullOrEmpty(via.Branch))
        {
            return;
        }

        via.Branch = ViaHeader.NewBranch();
        request.TopVia = via;
    }
}
