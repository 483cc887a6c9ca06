using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// Shared parts of the four RFC 3261 §17 state machines: state, timers on the injected
/// <see cref="TimeProvider"/>, sending with transport-error handling, and termination.
/// State changes happen under <see cref="Sync"/>; messages are sent after the lock is released.
/// </summary>
public abstract class SipTransaction
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ITimer> _timers = [];
    private volatile TransactionState _state;

    private protected SipTransaction(
        TransactionKey key,
        SipRequest request,
        SipEndPoint remote,
        TransactionContext context,
        TransactionState initialState)
    {
        Key = key;
        Request = request;
        Remote = remote;
        Context = context;
        _state = initialState;
    }

    public TransactionKey Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    public TransactionState State => _state;

    /// <summary>Why the transaction ended; <see cref="TransactionEnd.None"/> while it runs.</summary>
    public TransactionEnd End { get; private set; }

    /// <summary>Completes when the transaction reaches Terminated (RFC 3261 §17).</summary>
    public Task Terminated => _terminated.Task;

    /// <summary>Reliable transports get no retransmissions and zero clean-up timers (RFC 3261 §17).</summary>
    public bool IsReliable => Remote.IsReliable;

    private protected SipEndPoint Remote { get; }

    private protected Lock Sync { get; } = new();

    private protected SipTimers Timers => Context.Timers;

    private protected ILogger Logger => Context.Logger;

    internal TransactionContext Context { get; }

    /// <summary>Called with <see cref="Sync"/> held.</summary>
    private protected void MoveTo(TransactionState state)
    {
        Logger.LogDebug("Transaction {Key}: {From} -> {To}", Key, _state, state);
        _state = state;
    }

    /// <summary>Starts a one-shot timer; called with <see cref="Sync"/> held.</summary>
    private protected ITimer StartTimer(TimeSpan due, Action onFire)
    {
        var timer = Context.Time.CreateTimer(
            static state => ((Action)state!).Invoke(),
            (Action)(() => FireSafely(onFire)),
            due,
            Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Re-arms a one-shot timer started by <see cref="StartTimer"/>.</summary>
    private protected static void Restart(ITimer? timer, TimeSpan due) => timer?.Change(due, Timeout.InfiniteTimeSpan);

    private protected static void Stop(ref ITimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }

    /// <summary>
    /// Runs a clean-up timer (D, I, J, K, L, M), or terminates at once when it is zero
    /// (reliable transports, RFC 3261 §17.1.1.2 / §17.2.1 / §17.2.2 / §17.1.2.2).
    /// Called with <see cref="Sync"/> held.
    /// </summary>
    private protected void StartCleanup(TimeSpan due)
    {
        if (due <= TimeSpan.Zero)
        {
            Terminate(TransactionEnd.Normal);
            return;
        }

        StartTimer(due, () =>
        {
            lock (Sync)
            {
                Terminate(TransactionEnd.Normal);
            }
        });
    }

    /// <summary>Moves to Terminated once: stops every timer and leaves the layer. Called with <see cref="Sync"/> held.</summary>
    private protected void Terminate(TransactionEnd reason)
    {
        if (_state == TransactionState.Terminated)
        {
            return;
        }

        MoveTo(TransactionState.Terminated);
        End = reason;
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
        Context.Terminated(this);
        _terminated.TrySetResult();
    }

    /// <summary>Sends without waiting (timer callbacks, retransmissions).</summary>
    private protected void SendInBackground(SipMessage message) => _ = SendAsync(message);

    /// <summary>Sends to the remote end; a failure is reported to the state machine, never thrown.</summary>
    private protected async Task<bool> SendAsync(SipMessage message)
    {
        try
        {
            await Context.Sender.SendAsync(message, Remote, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Transaction {Key}: sending to {Remote} failed", Key, Remote);
            lock (Sync)
            {
                OnTransportError();
            }

            return false;
        }
    }

    /// <summary>RFC 3261 §17.1.4 / §17.2.4: a transport failure ends the transaction. Called with <see cref="Sync"/> held.</summary>
    private protected abstract void OnTransportError();

    private void FireSafely(Action onFire)
    {
        try
        {
            onFire();
        }
        catch (Exception ex)
        {
            // A timer callback runs on the thread pool: an escaping exception would end the process.
            Logger.LogError(ex, "Transaction {Key}: timer callback failed", Key);
        }
    }

    public override string ToString() => $"{GetType().Name} {Key} {State}";
}
