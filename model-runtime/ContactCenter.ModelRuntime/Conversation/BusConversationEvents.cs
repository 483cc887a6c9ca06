using System.Threading.Channels;
using ContactCenter.Contracts.Calls;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ContactCenter.ModelRuntime.Conversation;

/// <summary>
/// Publishes the engine's events on the bus (DESIGN §1: the bus is never on the 20 ms audio path). The tick
/// thread only queues; one pump publishes in order, so a call's PromptPlayed is never overtaken by the
/// UtteranceRecognized that followed it, and a slow broker costs the tick nothing.
/// </summary>
public sealed class BusConversationEvents : IConversationEvents, IAsyncDisposable, IDisposable
{
    private readonly IBus _bus;
    private readonly ILogger<BusConversationEvents> _logger;
    private readonly Channel<(object Message, Type Type)> _queue =
        Channel.CreateUnbounded<(object, Type)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    /// <summary>How long a synchronous dispose waits for queued events (the bus may already be stopping).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public BusConversationEvents(IBus bus, ILogger<BusConversationEvents> logger)
    {
        _bus = bus;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    public void Publish<TEvent>(TEvent message)
        where TEvent : class, ICallMessage
    {
        if (!_queue.Writer.TryWrite((message, typeof(TEvent))))
        {
            _logger.LogWarning("{Event} of call {CallId} dropped: the runtime is stopping", typeof(TEvent).Name, message.CallId);
        }
    }

    /// <summary>Publishes what is still queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
    }

    /// <summary>As <see cref="DisposeAsync"/>, for containers disposed synchronously: waits a bounded time for the queue to drain.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _pump.Wait(DrainTimeout);
    }

    private async Task PumpAsync()
    {
        await foreach (var (message, type) in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _bus.Publish(message, type);
            }
            catch (Exception error)
            {
                // A lost event costs one turn's report, never the call: keep publishing the rest.
                _logger.LogError(error, "Publishing {Event} failed", type.Name);
            }
        }
    }
}
