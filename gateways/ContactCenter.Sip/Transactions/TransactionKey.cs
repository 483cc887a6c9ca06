using System.Globalization;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// Identity of a transaction for matching (RFC 3261 §17.1.3, §17.2.3).
/// <paramref name="Id"/> is the Via branch, or for RFC 2543 peers (no magic cookie) a composite of
/// Call-ID, From tag, CSeq number, Request-URI and top Via branch. <paramref name="SentBy"/> is the
/// top Via's sent-by for server keys and empty for client keys. <paramref name="Method"/> is the
/// CSeq method, with ACK folded into INVITE for server matching.
/// </summary>
public readonly record struct TransactionKey(string Id, string SentBy, string Method)
{
    /// <summary>
    /// RFC 3261 §17.1.3: a response matches a client transaction by the top Via branch and the
    /// CSeq method. Used for a request we send and for the responses to it.
    /// </summary>
    public static TransactionKey? ForClient(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var branch = message.TopVia?.Branch;
        var method = message.CSeq?.Method;
        if (string.IsNullOrEmpty(branch) || string.IsNullOrEmpty(method))
        {
            return null;
        }

        return new TransactionKey(branch, string.Empty, method);
    }

    /// <summary>
    /// RFC 3261 §17.2.3: a request matches a server transaction by branch, sent-by and method,
    /// where ACK matches the INVITE it acknowledges. Without the magic cookie the RFC 2543
    /// rules apply.
    /// </summary>
    public static TransactionKey? ForServer(SipRequest request) => ForServer(request, FoldAck(request.Method));

    /// <summary>Key of the INVITE server transaction a CANCEL targets (RFC 3261 §9.2).</summary>
    public static TransactionKey? ForCancelledInvite(SipRequest cancel) => ForServer(cancel, SipMethods.Invite);

    private static TransactionKey? ForServer(SipRequest request, string method)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.TopVia;
        if (via is null)
        {
            return null;
        }

        var sentBy = via.SentBy.ToLowerInvariant();
        var branch = via.Branch;
        if (via.IsRfc3261Branch)
        {
            return new TransactionKey(branch!, sentBy, method);
        }

        // RFC 3261 §17.2.3 (RFC 2543 fallback): Request-URI, From tag, Call-ID, CSeq number and
        // top Via identify the transaction. The To tag is left out so that the ACK (which carries
        // our tag) and a CANCEL (same Request-URI and CSeq number) find the INVITE.
        var cseq = request.CSeq;
        if (cseq is null || request.CallId is null)
        {
            return null;
        }

        var id = string.Join(
            '|',
            "rfc2543",
            request.CallId,
            request.From?.Tag ?? string.Empty,
            cseq.Number.ToString(CultureInfo.InvariantCulture),
            request.RequestUri.ToString(),
            branch ?? string.Empty);
        return new TransactionKey(id, sentBy, method);
    }

    private static string FoldAck(string method) => method == SipMethods.Ack ? SipMethods.Invite : method;

    public override string ToString() => SentBy.Length == 0 ? $"{Id}/{Method}" : $"{Id}/{SentBy}/{Method}";
}
