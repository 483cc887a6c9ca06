using ContactCenter.Contracts.Calls;
using ContactCenter.ModelRuntime.Conversation;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>Records what the engine publishes, in order, and lets a test's fake flow react to it.</summary>
public sealed class RecordingConversationEvents : IConversationEvents
{
    private readonly List<ICallMessage> _events = [];
    private readonly Lock _gate = new();

    /// <summary>Called for every event, on the publishing (tick) thread.</summary>
    public event Action<ICallMessage>? Published;

    public IReadOnlyList<ICallMessage> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Publish<TEvent>(TEvent message)
        where TEvent : class, ICallMessage
    {
        lock (_gate)
        {
            _events.Add(message);
        }

        Published?.Invoke(message);
    }

    public IReadOnlyList<TEvent> Of<TEvent>() => [.. All.OfType<TEvent>()];
}
