using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Media.Dtmf;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>The call's audio path: media session ⇄ engine stream, and the events media raises.</summary>
internal sealed partial class Call
{
    private async Task StartEngineAsync()
    {
        var metadata = new CallStartMetadata(Id, From, CalledNumber, Codec, 8000);
        _engine = await _services.Engine.OpenAsync(metadata, _lifetime.Token);
        _media.DtmfReceived += digit => OnDtmf(digit, "rfc4733");
        _media.InactivityTimeout += () => _ = EndAsync(
            new CallEndReason(CallParty.Gateway, Q850Reason.RecoveryOnTimerExpiry, "no RTP from caller"), sendBye: true);
        var toEngine = _engine.ToEngine;
        _media.ReceivedSink = frame => toEngine.TryWrite(new CallerAudio(frame)); // on the playout thread: hand on, never block
        _ = PumpEngineOutputAsync(_engine);
    }

    private async Task PumpEngineOutputAsync(ICallAudioStream engine)
    {
        try
        {
            await foreach (var message in engine.FromEngine.ReadAllAsync(_lifetime.Token))
            {
                switch (message)
                {
                    case BotAudio audio:
                        _media.Enqueue(audio.Frame);
                        break;
                    case ClearQueuedAudio:
                        _media.ClearQueued();
                        break;
                    case TransferToAgent transfer:
                        _ = TransferAsync(transfer.Target ?? _services.Options.AgentQueueUri, transfer.Context);
                        break;
                    case SendDigits digits:
                        await SendDigitsAsync(digits.Digits);
                        break;
                    case HangUp hangUp:
                        await EndAsync(new CallEndReason(CallParty.Gateway, hangUp.Q850Cause, "engine hung up"), sendBye: true);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the call ended
        }
        catch (Exception error)
        {
            _logger.LogError(error, "Call {CallId}: engine stream failed", Id);
            await EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.TemporaryFailure, "engine failed"), sendBye: true);
        }
    }

    /// <summary>One digit after another, 100 ms each: RFC 4733 events must not overlap on one stream (§2.5.1.2).</summary>
    private async Task SendDigitsAsync(string digits)
    {
        foreach (var digit in digits)
        {
            if (TelephoneEvent.IsDtmfDigit(digit))
            {
                await _media.SendDtmfAsync(digit, TimeSpan.FromMilliseconds(100));
            }
            else
            {
                _logger.LogWarning("Call {CallId}: engine asked to send '{Digit}', which is not a DTMF digit; skipped", Id, digit);
            }
        }
    }

    private void OnDtmf(char digit, string method)
    {
        _engine?.ToEngine.TryWrite(new CallerDtmf(digit));
        _services.Telemetry.DtmfReceived(method);
        _ = _services.Bus.Publish(new DtmfReceived
        {
            CallId = Id,
            OccurredAt = _services.Time.GetUtcNow(),
            Digit = digit,
            Method = method,
        });
    }
}
