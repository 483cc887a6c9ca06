using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using Xunit;
using static ContactCenter.Sip.UnitTests.Transactions.TransactionHarness;

namespace ContactCenter.Sip.UnitTests.Transactions;

public class NonInviteClientTransactionTests
{
    private static bool IsOptions(SipMessage m) => m is SipRequest { Method: SipMethods.Options };

    [Fact]
    public async Task Udp_timer_E_doubles_up_to_T2_and_timer_F_gives_408()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.CreateClient(Request(SipMethods.Options), UdpPeer);
        Assert.Equal(TransactionState.Trying, tx.State);

        h.AdvanceSeconds(32);

        Assert.Equal(
            [0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5],
            h.Sender.TimesOf(IsOptions));
        Assert.Equal(408, (await tx.FinalResponse).StatusCode);
        Assert.Equal(TransactionEnd.Timeout, tx.End);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task In_Proceeding_timer_E_is_T2()
    {
        var h = new TransactionHarness();
        var options = Request(SipMethods.Options);
        var tx = h.Layer.CreateClient(options, UdpPeer);
        var provisionals = 0;
        tx.Provisional += _ => provisionals++;

        h.AdvanceSeconds(0.1);
        await h.ReceiveAsync(Response(options, 180));
        h.AdvanceSeconds(9.0);

        Assert.Equal(1, provisionals);
        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal([0, 0.5, 4.5, 8.5], h.Sender.TimesOf(IsOptions));

        // F still runs in Proceeding (§17.1.2.2).
        h.AdvanceSeconds(23);
        Assert.Equal(408, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public async Task Final_response_completes_and_timer_K_absorbs_retransmissions()
    {
        var h = new TransactionHarness();
        var bye = Request(SipMethods.Bye);
        var tx = h.Layer.CreateClient(bye, UdpPeer);

        await h.ReceiveAsync(Response(bye, 200));
        Assert.Equal(200, (await tx.FinalResponse).StatusCode);
        Assert.Equal(TransactionState.Completed, tx.State);

        h.AdvanceSeconds(4);
        Assert.True(await h.ReceiveAsync(Response(bye, 200)));
        Assert.Empty(h.Strays);
        Assert.Single(h.Sender.Messages);

        h.AdvanceSeconds(0.9);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceSeconds(0.1);
        Assert.Equal(TransactionState.Terminated, tx.State);

        // After K a late retransmission has no transaction any more.
        Assert.False(await h.ReceiveAsync(Response(bye, 200)));
        Assert.Single(h.Strays);
    }

    [Fact]
    public async Task Tcp_never_retransmits_and_timer_K_is_zero()
    {
        var h = new TransactionHarness();
        var register = Request(SipMethods.Register, transport: "TCP");
        var tx = h.Layer.CreateClient(register, TcpPeer);

        h.AdvanceSeconds(10);
        Assert.Single(h.Sender.Messages);

        await h.ReceiveAsync(Response(register, 200));
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Final_response_stops_retransmissions_and_timeout()
    {
        var h = new TransactionHarness();
        var options = Request(SipMethods.Options);
        var tx = h.Layer.CreateClient(options, UdpPeer);

        h.AdvanceSeconds(1);
        await h.ReceiveAsync(Response(options, 404));
        h.AdvanceSeconds(40);

        Assert.Equal([0, 0.5], h.Sender.TimesOf(IsOptions));
        Assert.Equal(404, (await tx.FinalResponse).StatusCode);
        Assert.Equal(TransactionEnd.Normal, tx.End);
    }
}
