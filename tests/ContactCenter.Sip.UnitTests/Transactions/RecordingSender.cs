using System.Net.Sockets;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UnitTests.Transactions;

/// <summary>Fake transport: records what was sent, where and at which (fake) time.</summary>
public sealed class RecordingSender(TimeProvider time) : ISipMessageSender
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    public List<Sent> Messages { get; } = [];

    public bool Fail { get; set; }

    public ValueTask SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new SocketException((int)SocketError.HostUnreachable);
        }

        Messages.Add(new Sent(message, remote, time.GetUtcNow() - _start));
        return ValueTask.CompletedTask;
    }

    /// <summary>Send times in seconds since the harness started, for messages matching the filter.</summary>
    public double[] TimesOf(Func<SipMessage, bool> filter) =>
        Messages.Where(m => filter(m.Message)).Select(m => Math.Round(m.At.TotalSeconds, 3)).ToArray();

    public sealed record Sent(SipMessage Message, SipEndPoint Remote, TimeSpan At);
}
