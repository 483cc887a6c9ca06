using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Media.Dtmf;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>
/// The call's audio path: media session ⇄ engine stream, the events media raises, and what happens when the
/// engine fails: the caller hears the fallback message and goes to the agent queue (no dead air, issue 3).
/// </summary>
internal sealed partial class Call
{
    // The gateway's own mark on the fallback message's last frame; the engine is gone by then, so it cannot clash.
    private const uint FallbackEndMark = uint.MaxValue;

    private static readonly IReadOnlyDictionary<string, string> FallbackContext =
        new Dictionary<string, string> { ["Reason"] = "runtime-failure" };

    private int _fellBack;
    private Task<bool>? _engineTransfer;

    private async Task StartEngineAsync()
    {
        _media.DtmfReceived += digit => OnDtmf(digit, "rfc4733");
        _media.InactivityTimeout += () => _ = EndAsync(
            new CallEndReason(CallParty.Gateway, Q850Reason.RecoveryOnTimerExpiry, "no RTP from caller"), sendBye: true);
        var metadata = new CallStartMetadata(Id, From, CalledNumber, Codec, 8000);
        try
        {
            _engine = await _services.Engine.OpenAsync(metadata, _lifetime.Token);
        }
        catch (Exception error)
        {
            // Not awaited: we are under the call's gate, and the fallback ends in a transfer, which takes it.
            _ = FallBackAsync(error, "open");
            return;
        }

        var toEngine = _engine.ToEngine;
        // Both run on the playout thread: hand on, never block.
        _media.ReceivedSink = frame => toEngine.TryWrite(new CallerAudio(frame));
        _media.MarkPlayed += (mark, at) => toEngine.TryWrite(new BotAudioPlayed(mark, at));
        _ = PumpEngineOutputAsync(_engine);
    }

    private async Task PumpEngineOutputAsync(ICallAudioStream engine)
    {
        Exception? failure = null;
        try
        {
            await foreach (var message in engine.FromEngine.ReadAllAsync(_lifetime.Token))
            {
                switch (message)
                {
                    case BotAudio audio:
                        _media.Enqueue(audio.Frame, audio.Mark);
                        break;
                    case ClearQueuedAudio:
                        var dropped = _media.ClearQueued();
                        engine.ToEngine.TryWrite(new QueuedAudioCleared(_services.Time.GetUtcNow(), dropped));
                        break;
                    case TransferToAgent transfer:
                        _engineTransfer = TransferAsync(transfer.Target ?? _services.Options.AgentQueueUri, transfer.Context);
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
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return; // the call ended
        }
        catch (Exception error)
        {
            failure = error;
        }

        if (_lifetime.IsCancellationRequested || State == CallState.Ended)
        {
            return; // the stream ended because the call did
        }

        // An engine ends a call by hanging up or transferring; a stream that just stops means it is gone.
        await FallBackAsync(failure ?? new EndOfStreamException("the engine ended the call's stream without hanging up"), "stream");
    }

    /// <summary>
    /// The engine could not be opened or failed mid-call: play Gateway:FallbackWav, then transfer the caller to
    /// Gateway:AgentQueueUri with Reason=runtime-failure; when that transfer fails too, hang up with Q.850 41
    /// (temporary failure). Once per call, logged once.
    /// </summary>
    private async Task FallBackAsync(Exception error, string stage)
    {
        if (Interlocked.Exchange(ref _fellBack, 1) != 0 || State == CallState.Ended)
        {
            return;
        }

        _logger.LogError(error, "Call {CallId}: the engine failed ({Stage}); playing the fallback message and transferring to {AgentQueue}",
            Id, stage, _services.Options.AgentQueueUri);
        _services.Telemetry.EngineFailed(stage);
        _media.ReceivedSink = static _ => { }; // nobody listens any more
        if (_engineTransfer is { } pending && await pending)
        {
            _services.Telemetry.FallbackCompleted("transferred");
            return; // the engine had already handed the caller over, and that went through
        }

        if (!await PlayFallbackAsync())
        {
            return; // the caller hung up meanwhile
        }

        if (await TransferAsync(_services.Options.AgentQueueUri, FallbackContext))
        {
            _services.Telemetry.FallbackCompleted("transferred");
            return;
        }

        _services.Telemetry.FallbackCompleted("hung-up");
        await EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.TemporaryFailure, "engine failed and the transfer to the agent queue failed"), sendBye: true);
    }

    /// <summary>Queues the fallback message in place of whatever the engine left queued; completes when its last frame is sent. False when the call ended first.</summary>
    private async Task<bool> PlayFallbackAsync()
    {
        Engine.Loop.Prompt prompt;
        try
        {
            prompt = FallbackPrompt.Get(_services.Options.FallbackWav);
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            _logger.LogError(error, "Call {CallId}: no fallback message to play; transferring at once", Id);
            return !_lifetime.IsCancellationRequested;
        }

        var played = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnMarkPlayed(uint mark, DateTimeOffset at)
        {
            if (mark == FallbackEndMark)
            {
                played.TrySetResult();
            }
        }

        _media.MarkPlayed += OnMarkPlayed;
        try
        {
            _media.ClearQueued();
            for (var i = 0; i < prompt.Frames.Count; i++)
            {
                _media.Enqueue(prompt.Frames[i], i == prompt.Frames.Count - 1 ? FallbackEndMark : 0);
            }

            // The playout clock sends it; the timeout only guards against a session that stopped ticking.
            await played.Task.WaitAsync(prompt.Duration + TimeSpan.FromSeconds(5), _services.Time, _lifetime.Token);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Call {CallId}: the fallback message did not finish playing in time; transferring anyway", Id);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _media.MarkPlayed -= OnMarkPlayed;
        }

        return !_lifetime.IsCancellationRequested;
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
