using System.Collections.Concurrent;
using ContactCenter.Sip.Dialogs;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;

namespace ContactCenter.Gateway.Calls;

/// <summary>The live calls, found by dialog (Call-ID + our tag), by platform id, or by their INVITE transaction (for CANCEL).</summary>
internal sealed class CallRegistry
{
    private readonly ConcurrentDictionary<(string CallId, string LocalTag), Call> _byDialog = new();
    private readonly ConcurrentDictionary<Guid, Call> _byId = new();
    private readonly ConcurrentDictionary<ServerTransaction, Call> _byInvite = new();

    public int Count => _byId.Count;

    public IEnumerable<Call> All => _byId.Values;

    public void Add(Call call)
    {
        AddDialog(call, call.Dialog);
        _byId[call.Id] = call;
        _byInvite[call.Invite] = call;
    }

    /// <summary>Routes a further dialog to the call (the new leg after we were transferred).</summary>
    public void AddDialog(Call call, SipDialog dialog) => _byDialog[(dialog.CallId, dialog.LocalTag)] = call;

    public void RemoveDialog(SipDialog dialog) => _byDialog.TryRemove((dialog.CallId, dialog.LocalTag), out _);

    public void Remove(Call call)
    {
        foreach (var dialog in call.Dialogs)
        {
            RemoveDialog(dialog);
        }

        _byId.TryRemove(call.Id, out _);
        _byInvite.TryRemove(call.Invite, out _);
    }

    public Call? FindById(Guid id) => _byId.GetValueOrDefault(id);

    public Call? FindByInvite(ServerTransaction invite) => _byInvite.GetValueOrDefault(invite);

    /// <summary>A request from the peer carries our tag in To (RFC 3261 §12.2.2).</summary>
    public Call? FindFor(SipRequest request) =>
        request.CallId is { } callId && request.To?.Tag is { } tag ? _byDialog.GetValueOrDefault((callId, tag)) : null;

    /// <summary>A response to our request carries our tag in From.</summary>
    public Call? FindFor(SipResponse response) =>
        response.CallId is { } callId && response.From?.Tag is { } tag ? _byDialog.GetValueOrDefault((callId, tag)) : null;
}
