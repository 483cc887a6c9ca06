using ContactCenter.Contracts.Calls;

namespace ContactCenter.ModelRuntime.Conversation;

/// <summary>
/// Where the engine's per-turn events go (UtteranceRecognized, TurnCompleted, PromptPlayed, BargeInDetected):
/// the bus in a host (<see cref="BusConversationEvents"/>), a recorder in tests. Called from the engine's tick
/// (its thread, or the threads sharing a tick's work: one call's events always come from one thread at a time, in
/// order), so an implementation must be thread-safe, return at once and keep the order of what one call published.
/// </summary>
public interface IConversationEvents
{
    void Publish<TEvent>(TEvent message)
        where TEvent : class, ICallMessage;
}
