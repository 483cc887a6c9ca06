using System.Net;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UnitTests.Transactions;

/// <summary>A transaction layer on a fake clock and a recording sender, plus message builders.</summary>
public sealed class TransactionHarness
{
    public static readonly SipEndPoint UdpPeer = new(SipProtocol.Udp, IPEndPoint.Parse("10.0.0.1:5060"));
    public static readonly SipEndPoint TcpPeer = new(SipProtocol.Tcp, IPEndPoint.Parse("10.0.0.1:40000"));
    private static readonly SipEndPoint LocalUdp = new(SipProtocol.Udp, IPEndPoint.Parse("10.0.0.2:5060"));

    public TransactionHarness(SipTimers? timers = null)
    {
        Sender = new RecordingSender(Time);
        Layer = new SipTransactionLayer(Sender, Time, timers ?? SipTimers.Default, NullLogger.Instance)
        {
            NewRequest = tx =>
            {
                NewRequests.Add(tx);
                return OnNewRequest is null ? ValueTask.CompletedTask : OnNewRequest(tx);
            },
            Stray = m =>
            {
                Strays.Add(m);
                return ValueTask.CompletedTask;
            },
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingSender Sender { get; }

    public SipTransactionLayer Layer { get; }

    public List<ServerTransaction> NewRequests { get; } = [];

    public List<IncomingMessage> Strays { get; } = [];

    public Func<ServerTransaction, ValueTask>? OnNewRequest { get; set; }

    /// <summary>Advances the clock in small steps so each timer fires at its own due time.</summary>
    public void Advance(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var done = TimeSpan.Zero; done < total; done += step)
        {
            Time.Advance(step < total - done ? step : total - done);
        }
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    public ValueTask<bool> ReceiveAsync(SipMessage message, SipEndPoint? from = null) =>
        Layer.OnIncomingAsync(new IncomingMessage(message, from ?? UdpPeer, LocalUdp, Time.GetUtcNow()));

    public static SipRequest Request(
        string method,
        string branch = "z9hG4bKbranch1",
        string transport = "UDP",
        uint cseq = 1,
        string sentBy = "10.0.0.1:5060",
        string? toTag = null)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:bob@10.0.0.2"));
        request.Headers.Add("Via", $"SIP/2.0/{transport} {sentBy};branch={branch}");
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("Route", "<sip:proxy.example.com;lr>");
        request.Headers.Add("From", "\"Alice\" <sip:alice@example.com>;tag=from1");
        request.Headers.Add("To", toTag is null ? "<sip:bob@example.com>" : $"<sip:bob@example.com>;tag={toTag}");
        request.Headers.Add("Call-ID", "call-1@example.com");
        request.Headers.Add("CSeq", $"{cseq} {method}");
        return request;
    }

    public static SipResponse Response(SipRequest request, int status, string? toTag = "to1")
    {
        var response = SipResponse.CreateFor(request, status);
        if (toTag is not null && status > 100 && response.To is { } to)
        {
            to.Tag = toTag;
            response.To = to;
        }

        return response;
    }

    /// <summary>The ACK a UAC sends for a non-2xx (same branch as the INVITE, RFC 3261 §17.1.1.3).</summary>
    public static SipRequest AckFor(SipRequest invite, string branch = "z9hG4bKbranch1", string toTag = "to1")
    {
        var ack = Request(SipMethods.Ack, branch, toTag: toTag);
        ack.CSeq = new CSeqHeader(invite.CSeq!.Number, SipMethods.Ack);
        return ack;
    }
}
