using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using Xunit;
using static ContactCenter.Sip.UnitTests.Transactions.TransactionHarness;

namespace ContactCenter.Sip.UnitTests.Transactions;

public class NonInviteServerTransactionTests
{
    [Fact]
    public async Task Retransmission_in_Trying_is_absorbed_silently()
    {
        var h = new TransactionHarness();
        await h.ReceiveAsync(Request(SipMethods.Options));

        Assert.True(await h.ReceiveAsync(Request(SipMethods.Options)));

        var tx = Assert.Single(h.NewRequests);
        Assert.Equal(TransactionState.Trying, tx.State);
        Assert.Empty(h.Sender.Messages);

        // No automatic 100 for non-INVITE.
        h.AdvanceSeconds(1);
        Assert.Empty(h.Sender.Messages);
    }

    [Fact]
    public async Task Retransmission_in_Proceeding_gets_the_provisional_again()
    {
        var h = new TransactionHarness();
        var request = Request(SipMethods.Subscribe);
        await h.ReceiveAsync(request);
        var tx = h.NewRequests[0];

        await tx.SendResponseAsync(Response(request, 100));
        await h.ReceiveAsync(Request(SipMethods.Subscribe));

        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal(2, h.Sender.Messages.Count(m => m.Message is SipResponse { StatusCode: 100 }));
    }

    [Fact]
    public async Task Completed_answers_retransmissions_with_the_final_response_until_timer_J()
    {
        var h = new TransactionHarness();
        var request = Request(SipMethods.Options);
        await h.ReceiveAsync(request);
        var tx = h.NewRequests[0];

        await tx.SendResponseAsync(Response(request, 200));
        Assert.Equal(TransactionState.Completed, tx.State);

        h.AdvanceSeconds(10);
        await h.ReceiveAsync(Request(SipMethods.Options));
        Assert.Equal([0, 10], h.Sender.TimesOf(m => m is SipResponse { StatusCode: 200 }));

        // §17.2.2: further final responses from the TU are discarded.
        await tx.SendResponseAsync(Response(request, 500));
        Assert.Equal(2, h.Sender.Messages.Count);

        h.AdvanceSeconds(21.9);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceSeconds(0.1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.Count);

        // After J the same request is new again.
        await h.ReceiveAsync(Request(SipMethods.Options));
        Assert.Equal(2, h.NewRequests.Count);
    }

    [Fact]
    public async Task Over_tcp_timer_J_is_zero()
    {
        var h = new TransactionHarness();
        var request = Request(SipMethods.Bye, transport: "TCP");
        await h.ReceiveAsync(request, TcpPeer);
        var tx = h.NewRequests[0];

        await tx.SendResponseAsync(Response(request, 200));

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TcpPeer, Assert.Single(h.Sender.Messages).Remote);
        Assert.Equal(0, h.Layer.Count);
    }
}
