using ContactCenter.Contracts.Calls;
using ContactCenter.ModelRuntime.Conversation;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// Where the engine's events go in a benchmark: kept in order and handed to an optional listener (a fake flow, a
/// simulated caller). Called on the engine's tick thread, so the listener must return at once.
/// </summary>
internal sealed class RecordingEvents : IConversationEvents
{
    private readonly List<ICallMessage> _events = [];
    private readonly Lock _gate = new();
    private readonly bool _keep;

    /// <param name="keep">Keep every event (frames-in/frames-out runs); a long real-time run only forwards them.</param>
    public RecordingEvents(bool keep = true)
    {
        _keep = keep;
    }

    public Action<ICallMessage>? Listener { get; set; }

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
        if (_keep)
        {
            lock (_gate)
            {
                _events.Add(message);
            }
        }

        Listener?.Invoke(message);
    }

    public List<TEvent> Of<TEvent>() => [.. All.OfType<TEvent>()];
}
