using System.Globalization;
using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>Blind transfer with REFER (RFC 3515) as the transferor: we hand the caller to an agent.</summary>
internal sealed partial class Call
{
    private TaskCompletionSource<int>? _transferOutcome;

    /// <summary>
    /// Asks the caller's UA to call <paramref name="target"/> (REFER), follows the NOTIFY sipfrag reports
    /// (RFC 3515 §2.4.4) and hangs up only after the final one says the new call was answered.
    /// On failure the caller stays with us and the engine hears <see cref="TransferFailed"/>.
    /// </summary>
    public async Task<bool> TransferAsync(string? target, IReadOnlyDictionary<string, string> context)
    {
        if (target is null || !SipUri.TryParse(target, out var targetUri))
        {
            _logger.LogWarning("Call {CallId}: transfer target '{Target}' is not a SIP URI (set Gateway:AgentQueueUri)", Id, target);
            await ReportTransferAsync(target ?? string.Empty, succeeded: false, 0, context);
            return false;
        }

        SipRequest refer;
        await _gate.WaitAsync();
        try
        {
            if (State is not (CallState.Confirmed or CallState.Answered) || _transferOutcome is not null || _beingTransferred)
            {
                return false;
            }

            _transferOutcome = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            refer = Dialog.CreateRequest(SipMethods.Refer);
            var contextHeaders = ContextHeaders(context);
            var referTo = _services.Options.ContextInReferTo ? targetUri! with { Headers = contextHeaders } : targetUri!;
            refer.Headers.Add(SipHeaderNames.ReferTo, new NameAddress(referTo).ToString());
            refer.Headers.Add(SipHeaderNames.ReferredBy, Contact.ToString());
            foreach (var (name, value) in contextHeaders)
            {
                refer.Headers.Add(name, value);
            }
        }
        finally
        {
            _gate.Release();
        }

        var outcome = _transferOutcome.Task;
        var accepted = await SendInDialogAsync(refer);
        var finalStatus = accepted.StatusCode is >= 200 and < 300
            ? await WaitForTransferAsync(outcome)
            : accepted.StatusCode;
        _transferOutcome = null;
        var succeeded = finalStatus is >= 200 and < 300;
        await ReportTransferAsync(target, succeeded, finalStatus, context);
        if (succeeded)
        {
            _transferredTo = target;
            await EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.NormalClearing, "transferred to " + target), sendBye: true);
        }

        return succeeded;
    }

    private async Task<int> WaitForTransferAsync(Task<int> outcome)
    {
        try
        {
            return await outcome.WaitAsync(_services.Options.TransferTimeout, _services.Time, _lifetime.Token);
        }
        catch (TimeoutException)
        {
            return 408;
        }
        catch (OperationCanceledException)
        {
            return 487;
        }
    }

    private async Task ReportTransferAsync(string target, bool succeeded, int status, IReadOnlyDictionary<string, string> context)
    {
        _logger.LogInformation("Call {CallId}: transfer to {Target} {Outcome} ({Status})", Id, target, succeeded ? "succeeded" : "failed", status);
        if (!succeeded)
        {
            _engine?.ToEngine.TryWrite(new TransferFailed(target, status));
        }

        await _services.Bus.Publish(new CallTransferred
        {
            CallId = Id,
            OccurredAt = _services.Time.GetUtcNow(),
            Target = target,
            Succeeded = succeeded,
            FinalStatus = status,
            Context = context,
        });
    }

    /// <summary>
    /// NOTIFY for our REFER's implicit subscription: the body is a sipfrag status line (RFC 3515 §2.4.5);
    /// the transfer is decided by the first final status or by Subscription-State: terminated.
    /// </summary>
    private async Task HandleNotifyAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var isRefer = request.Headers.Get(SipHeaderNames.Event)?.Split(';')[0].Trim().Equals("refer", StringComparison.OrdinalIgnoreCase) == true;
        if (!isRefer || _transferOutcome is null)
        {
            await RespondAsync(transaction, 481); // no such subscription (RFC 6665 §4.1.3)
            return;
        }

        await RespondAsync(transaction, 200);
        var status = ParseSipfragStatus(request.Body);
        var terminated = request.Headers.Get(SipHeaderNames.SubscriptionState)?.TrimStart().StartsWith("terminated", StringComparison.OrdinalIgnoreCase) == true;
        if (status >= 200 || terminated)
        {
            _transferOutcome.TrySetResult(status >= 200 ? status : 500);
        }
    }

    /// <summary>"SIP/2.0 200 OK" → 200; anything unreadable counts as 0 (not final).</summary>
    internal static int ParseSipfragStatus(byte[] body)
    {
        var line = Encoding.ASCII.GetString(body).Split('\n')[0].Trim();
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : 0;
    }

    /// <summary>
    /// Context for the agent as X-ContactCenter-* headers. They always ride on the REFER (PBXs read them there);
    /// with Gateway:ContextInReferTo they are also embedded in the Refer-To URI, which RFC 3515 §2.1 says the
    /// transferee copies into its INVITE to the agent — only for transferees that support it (baresip does not).
    /// </summary>
    private Dictionary<string, string> ContextHeaders(IReadOnlyDictionary<string, string> context)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-ContactCenter-Call-Id"] = Id.ToString(),
            ["X-ContactCenter-Caller"] = From,
        };
        foreach (var (name, value) in context)
        {
            headers["X-ContactCenter-" + name] = value;
        }

        return headers;
    }
}
