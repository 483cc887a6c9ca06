using System.Security.Cryptography;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Dialogs;

/// <summary>
/// A dialog (RFC 3261 §12): the peer-to-peer relationship an INVITE sets up, identified by
/// Call-ID, local tag and remote tag. Builds in-dialog requests (§12.2.1.1) and checks the
/// peer's CSeq ordering (§12.2.2). Not thread-safe: the call that owns it serialises access.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(string callId, string localTag, string remoteTag, NameAddress local, NameAddress remote,
        SipUri remoteTarget, IReadOnlyList<NameAddress> routeSet, uint localSequence, uint remoteSequence)
    {
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        LocalParty = local;
        RemoteParty = remote;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
    }

    public string CallId { get; }

    public string LocalTag { get; }

    public string RemoteTag { get; }

    /// <summary>Our side (the To of the INVITE we answered), with our tag.</summary>
    public NameAddress LocalParty { get; }

    /// <summary>The peer (the From of the INVITE), with its tag.</summary>
    public NameAddress RemoteParty { get; }

    /// <summary>The peer's Contact: where in-dialog requests go (updated by target-refresh requests, §12.2.2).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Record-Route of the INVITE in order (UAS side, §12.1.1): the proxies in-dialog requests must traverse.</summary>
    public IReadOnlyList<NameAddress> RouteSet { get; }

    public uint LocalSequence { get; private set; }

    public uint RemoteSequence { get; private set; }

    /// <summary>A fresh tag: 32 random bits are what §19.3 asks for; we use 64.</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Creates the UAS side of a dialog from an INVITE we are answering (§12.1.1).</summary>
    public static SipDialog CreateAsServer(SipRequest invite, string localTag)
    {
        var from = invite.From ?? throw new ArgumentException("INVITE without From", nameof(invite));
        var to = invite.To ?? throw new ArgumentException("INVITE without To", nameof(invite));
        var target = invite.Contacts.Count > 0 ? invite.Contacts[0].Uri : from.Uri;
        var local = to.Clone();
        local.Tag = localTag;
        // The peer may have chosen not to use a sequence for its own requests yet; CSeq of the INVITE is the start (§12.1.1).
        return new SipDialog(invite.CallId ?? string.Empty, localTag, from.Tag ?? string.Empty, local, from.Clone(),
            target, invite.RecordRoutes.ToArray(), (uint)RandomNumberGenerator.GetInt32(1, 1 << 20), invite.CSeq?.Number ?? 0);
    }

    /// <summary>
    /// Creates the UAC side of a dialog from our INVITE and the 2xx that answered it (§12.1.2): the route set
    /// is the 2xx's Record-Route in reverse, the remote target its Contact; the peer's sequence starts empty.
    /// </summary>
    public static SipDialog CreateAsClient(SipRequest invite, SipResponse ok)
    {
        var from = invite.From ?? throw new ArgumentException("INVITE without From", nameof(invite));
        var to = ok.To ?? throw new ArgumentException("2xx without To", nameof(ok));
        var target = ok.Contacts.Count > 0 ? ok.Contacts[0].Uri : invite.RequestUri;
        return new SipDialog(invite.CallId ?? string.Empty, from.Tag ?? string.Empty, to.Tag ?? string.Empty, from.Clone(), to.Clone(),
            target, ok.RecordRoutes.Reverse().ToArray(), invite.CSeq?.Number ?? 1, 0);
    }

    /// <summary>True when <paramref name="request"/> belongs to this dialog (§12.2.2: Call-ID, To tag = ours, From tag = theirs).</summary>
    public bool Matches(SipRequest request) =>
        request.CallId == CallId && request.To?.Tag == LocalTag && request.From?.Tag == RemoteTag;

    /// <summary>
    /// §12.2.2: a request with a CSeq lower than the last one is out of order and gets 500;
    /// otherwise the remote sequence advances. ACK and CANCEL carry the INVITE's number and are exempt.
    /// </summary>
    public bool TryAcceptRemoteSequence(SipRequest request)
    {
        if (request.Method is SipMethods.Ack or SipMethods.Cancel || request.CSeq is not { } cseq)
        {
            return true;
        }

        if (cseq.Number < RemoteSequence)
        {
            return false;
        }

        RemoteSequence = cseq.Number;
        return true;
    }

    /// <summary>Target refresh (§12.2.2): a re-INVITE or UPDATE with a Contact moves the remote target.</summary>
    public void RefreshTarget(SipRequest request)
    {
        if (request.Contacts.Count > 0)
        {
            RemoteTarget = request.Contacts[0].Uri;
        }
    }

    /// <summary>
    /// Builds an in-dialog request (§12.2.1.1): Request-URI is the remote target, the route set becomes
    /// Route headers (loose routing, RFC 3261 §16.12; a strict router first in the set is handled as
    /// §12.2.1.1 says), CSeq increments. The caller adds the Via with <see cref="ViaHeader.NewBranch"/>.
    /// </summary>
    public SipRequest CreateRequest(string method)
    {
        var requestUri = RemoteTarget;
        var routes = RouteSet.ToList();
        if (routes.Count > 0 && !routes[0].Uri.IsLooseRouter)
        {
            // Strict router: it becomes the Request-URI and the remote target goes last in Route.
            requestUri = routes[0].Uri.WithoutHeaders();
            routes.RemoveAt(0);
            routes.Add(new NameAddress(RemoteTarget));
        }

        var request = new SipRequest(method, requestUri);
        foreach (var route in routes)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }

        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, LocalParty.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteParty.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        LocalSequence = method == SipMethods.Ack ? LocalSequence : LocalSequence + 1;
        request.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(LocalSequence, method).ToString());
        return request;
    }

    /// <summary>Where an in-dialog request is sent: the first Route if any, else the remote target (§8.1.2).</summary>
    public SipUri NextHop => RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;
}
