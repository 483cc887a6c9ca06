using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transactions;

/// <summary>What every transaction shares with its layer: transport, clock, timer values, log, and removal.</summary>
internal sealed class TransactionContext(
    ISipMessageSender sender,
    TimeProvider time,
    SipTimers timers,
    ILogger logger,
    Action<SipTransaction> onTerminated)
{
    public ISipMessageSender Sender { get; } = sender;

    public TimeProvider Time { get; } = time;

    public SipTimers Timers { get; } = timers;

    public ILogger Logger { get; } = logger;

    public void Terminated(SipTransaction transaction) => onTerminated(transaction);
}
