using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using Xunit;
using static ContactCenter.Sip.UnitTests.Transactions.TransactionHarness;

namespace ContactCenter.Sip.UnitTests.Transactions;

public class InviteClientTransactionTests
{
    private static bool IsInvite(SipMessage m) => m is SipRequest { Method: SipMethods.Invite };

    private static bool IsAck(SipMessage m) => m is SipRequest { Method: SipMethods.Ack };

    [Fact]
    public async Task Udp_retransmits_with_timer_A_doubling_and_times_out_with_timer_B()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.CreateClient(Request(SipMethods.Invite), UdpPeer);

        Assert.Equal(TransactionState.Calling, tx.State);
        h.AdvanceSeconds(31.9);
        Assert.False(tx.FinalResponse.IsCompleted);
        h.AdvanceSeconds(0.1);

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], h.Sender.TimesOf(IsInvite));
        var final = await tx.FinalResponse;
        Assert.Equal(408, final.StatusCode);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TransactionEnd.Timeout, tx.End);
        Assert.True(tx.Terminated.IsCompleted);
        Assert.Equal(0, h.Layer.Count);

        h.AdvanceSeconds(60);
        Assert.Equal(7, h.Sender.Messages.Count);
    }

    [Fact]
    public async Task Tcp_sends_once_and_still_times_out_with_timer_B()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.CreateClient(Request(SipMethods.Invite, transport: "TCP"), TcpPeer);

        h.AdvanceSeconds(32);

        Assert.Equal([0], h.Sender.TimesOf(IsInvite));
        Assert.Equal(408, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public async Task Provisional_moves_to_Proceeding_stops_retransmissions_and_disables_timer_B()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite);
        var tx = h.Layer.CreateClient(invite, UdpPeer);
        var provisionals = new List<int>();
        tx.Provisional += r => provisionals.Add(r.StatusCode);

        h.AdvanceSeconds(0.7);
        Assert.True(await h.ReceiveAsync(Response(invite, 180)));
        h.AdvanceSeconds(40);

        Assert.Equal([180], provisionals);
        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal([0, 0.5], h.Sender.TimesOf(IsInvite));
        Assert.False(tx.FinalResponse.IsCompleted);
    }

    [Fact]
    public async Task Non_2xx_is_acknowledged_per_17_1_1_3_and_timer_D_cleans_up()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite);
        var tx = h.Layer.CreateClient(invite, UdpPeer);
        await h.ReceiveAsync(Response(invite, 100));

        var busy = Response(invite, 486, toTag: "busy-tag");
        Assert.True(await h.ReceiveAsync(busy));

        Assert.Equal(486, (await tx.FinalResponse).StatusCode);
        Assert.Equal(TransactionState.Completed, tx.State);
        var ack = Assert.IsType<SipRequest>(h.Sender.Messages[^1].Message);
        Assert.Equal(SipMethods.Ack, ack.Method);
        Assert.Equal(invite.RequestUri, ack.RequestUri);
        Assert.Equal(invite.TopVia!.ToString(), Assert.Single(ack.Vias).ToString());
        Assert.Equal("busy-tag", ack.To!.Tag);
        Assert.Equal("from1", ack.From!.Tag);
        Assert.Equal(invite.CallId, ack.CallId);
        Assert.Equal(new CSeqHeader(1, SipMethods.Ack), ack.CSeq);
        Assert.Equal("<sip:proxy.example.com;lr>", ack.Headers.Get("Route"));
        Assert.Empty(ack.Body);

        // §17.1.1.2: a retransmitted final response is answered with the ACK again, not passed up.
        h.AdvanceSeconds(1);
        Assert.True(await h.ReceiveAsync(Response(invite, 486, toTag: "busy-tag")));
        Assert.Equal([0, 1], h.Sender.TimesOf(IsAck));
        Assert.Empty(h.Strays);

        h.AdvanceSeconds(30.9);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceSeconds(0.1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TransactionEnd.Normal, tx.End);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Non_2xx_over_tcp_terminates_at_once_because_timer_D_is_zero()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite, transport: "TCP");
        var tx = h.Layer.CreateClient(invite, TcpPeer);

        await h.ReceiveAsync(Response(invite, 503));

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Single(h.Sender.Messages, m => IsAck(m.Message));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task A_2xx_moves_to_Accepted_and_2xx_retransmissions_go_to_the_TU_until_timer_M()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite);
        var tx = h.Layer.CreateClient(invite, UdpPeer);

        Assert.True(await h.ReceiveAsync(Response(invite, 200)));
        Assert.Equal(200, (await tx.FinalResponse).StatusCode);
        Assert.Equal(TransactionState.Accepted, tx.State);
        Assert.DoesNotContain(h.Sender.Messages, m => IsAck(m.Message));

        // RFC 6026 §7.2: the transaction does not ACK a 2xx; a retransmission reaches the dialog layer.
        h.AdvanceSeconds(1);
        Assert.False(await h.ReceiveAsync(Response(invite, 200)));
        Assert.Single(h.Strays);
        Assert.Equal([0], h.Sender.TimesOf(IsInvite));

        h.AdvanceSeconds(31);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Transport_error_completes_with_503()
    {
        var h = new TransactionHarness();
        h.Sender.Fail = true;

        var tx = h.Layer.CreateClient(Request(SipMethods.Invite), UdpPeer);

        Assert.Equal(503, (await tx.FinalResponse).StatusCode);
        Assert.Equal(TransactionEnd.TransportError, tx.End);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Cancel_is_built_per_9_1_and_runs_as_its_own_transaction()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite);
        var tx = Assert.IsType<InviteClientTransaction>(h.Layer.CreateClient(invite, UdpPeer));
        await h.ReceiveAsync(Response(invite, 180));

        var cancel = tx.CreateCancel();
        Assert.Equal(SipMethods.Cancel, cancel.Method);
        Assert.Equal(invite.RequestUri, cancel.RequestUri);
        Assert.Equal(invite.TopVia!.Branch, Assert.Single(cancel.Vias).Branch);
        Assert.Null(cancel.To!.Tag);
        Assert.Equal(new CSeqHeader(1, SipMethods.Cancel), cancel.CSeq);

        var cancelTx = h.Layer.CreateClient(cancel, UdpPeer);
        Assert.Equal(2, h.Layer.Count);

        // §17.1.3: same branch, different CSeq method → different transactions.
        await h.ReceiveAsync(Response(cancel, 200));
        Assert.Equal(200, (await cancelTx.FinalResponse).StatusCode);
        Assert.False(tx.FinalResponse.IsCompleted);
        await h.ReceiveAsync(Response(invite, 487));
        Assert.Equal(487, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public void A_missing_branch_is_generated_with_the_magic_cookie()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite);
        var via = invite.TopVia!;
        via.Branch = null;
        invite.TopVia = via;

        var tx = h.Layer.CreateClient(invite, UdpPeer);

        Assert.StartsWith("z9hG4bK", tx.Request.TopVia!.Branch, StringComparison.Ordinal);
        Assert.Equal(tx.Request.TopVia!.Branch, tx.Key.Id);
    }

    [Fact]
    public void Ack_is_never_a_client_transaction()
    {
        var h = new TransactionHarness();
        Assert.Throws<ArgumentException>(() => h.Layer.CreateClient(Request(SipMethods.Ack), UdpPeer));
    }

    [Fact]
    public void Timer_values_follow_configured_T1()
    {
        var h = new TransactionHarness(new SipTimers { T1 = TimeSpan.FromMilliseconds(100) });
        var tx = h.Layer.CreateClient(Request(SipMethods.Invite), UdpPeer);

        h.AdvanceSeconds(6.4);

        // A: 0.1, 0.2, 0.4 ... ; B = 64*T1 = 6.4 s.
        Assert.Equal([0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3], h.Sender.TimesOf(IsInvite));
        Assert.Equal(TransactionState.Terminated, tx.State);
    }
}
