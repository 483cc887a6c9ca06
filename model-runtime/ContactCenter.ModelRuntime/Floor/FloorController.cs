using ContactCenter.Contracts.Conversation;

namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// Per-call floor control (DESIGN §2): a small explicit state machine fed one frame per 20 ms tick.
/// Not thread-safe: the engine's tick thread owns it.
/// </summary>
public sealed class FloorController
{
    public FloorController(FloorOptions options)
    {
        throw new NotImplementedException();
    }

    public FloorState State => throw new NotImplementedException();

    /// <summary>One caller frame; appends what to do to <paramref name="actions"/>.</summary>
    public void OnFrame(FloorFrame frame, List<FloorAction> actions) => throw new NotImplementedException();

    /// <summary>The bot started a prompt; <paramref name="expect"/> applies to the caller's next answer.</summary>
    public void OnPromptStarted(long tick, bool bargeable, Expectation expect, bool backchannels) => throw new NotImplementedException();

    /// <summary>The prompt's last frame was handed out.</summary>
    public void OnPromptFinished(long tick) => throw new NotImplementedException();

    /// <summary>A transcript asked for by <see cref="RequestAsr"/> arrived (stale ones are ignored).</summary>
    public void OnTranscript(long requestId, long tick, string transcript, List<FloorAction> actions) => throw new NotImplementedException();

    /// <summary>A keypad press: stops a bargeable prompt like speech does.</summary>
    public void OnDtmf(long tick, char digit, List<FloorAction> actions) => throw new NotImplementedException();
}
