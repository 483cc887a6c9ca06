using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using Xunit;
using static ContactCenter.Sip.UnitTests.Transactions.TransactionHarness;

namespace ContactCenter.Sip.UnitTests.Transactions;

public class InviteServerTransactionTests
{
    private static bool Is(SipMessage m, int status) => m is SipResponse r && r.StatusCode == status;

    private static async Task<(TransactionHarness H, SipRequest Invite, ServerTransaction Tx)> StartAsync(bool tcp = false)
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite, transport: tcp ? "TCP" : "UDP");
        Assert.True(await h.ReceiveAsync(invite, tcp ? TcpPeer : UdpPeer));
        var tx = Assert.Single(h.NewRequests);
        Assert.IsType<InviteServerTransaction>(tx);
        return (h, invite, tx);
    }

    [Fact]
    public async Task Sends_100_Trying_after_200_ms_when_the_TU_is_silent()
    {
        var (h, _, tx) = await StartAsync();
        Assert.Equal(TransactionState.Proceeding, tx.State);

        h.AdvanceSeconds(0.15);
        Assert.Empty(h.Sender.Messages);
        h.AdvanceSeconds(0.05);

        var trying = Assert.IsType<SipResponse>(Assert.Single(h.Sender.Messages).Message);
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To!.Tag);
        Assert.Equal(0.2, Math.Round(h.Sender.Messages[0].At.TotalSeconds, 3));
        Assert.Equal(UdpPeer, h.Sender.Messages[0].Remote);
    }

    [Fact]
    public async Task No_automatic_100_when_the_TU_answers_within_200_ms()
    {
        var (h, invite, tx) = await StartAsync();

        h.AdvanceSeconds(0.1);
        await tx.SendResponseAsync(Response(invite, 180));
        h.AdvanceSeconds(1);

        Assert.Equal([0.1], h.Sender.TimesOf(m => m is SipResponse));
        Assert.Equal(180, ((SipResponse)h.Sender.Messages[0].Message).StatusCode);
    }

    [Fact]
    public async Task Retransmitted_invite_gets_the_last_provisional_and_is_not_a_new_request()
    {
        var (h, invite, tx) = await StartAsync();
        await tx.SendResponseAsync(Response(invite, 180));

        Assert.True(await h.ReceiveAsync(Request(SipMethods.Invite)));

        Assert.Single(h.NewRequests);
        Assert.Equal(2, h.Sender.Messages.Count(m => Is(m.Message, 180)));
    }

    [Fact]
    public async Task Udp_486_is_retransmitted_by_timer_G_until_timer_H()
    {
        var (h, invite, tx) = await StartAsync();
        await tx.SendResponseAsync(Response(invite, 486));
        Assert.Equal(TransactionState.Completed, tx.State);

        h.AdvanceSeconds(32);

        Assert.Equal(
            [0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5],
            h.Sender.TimesOf(m => Is(m, 486)));
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TransactionEnd.Timeout, tx.End);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Retransmitted_invite_in_Completed_gets_the_final_response_again()
    {
        var (h, invite, tx) = await StartAsync();
        await tx.SendResponseAsync(Response(invite, 486));

        h.AdvanceSeconds(0.2);
        await h.ReceiveAsync(Request(SipMethods.Invite));

        Assert.Equal([0, 0.2], h.Sender.TimesOf(m => Is(m, 486)));
        Assert.Single(h.NewRequests);
    }

    [Fact]
    public async Task Ack_confirms_stops_timer_G_and_timer_I_cleans_up()
    {
        var (h, invite, tx) = await StartAsync();
        await tx.SendResponseAsync(Response(invite, 486));
        h.AdvanceSeconds(1);

        Assert.True(await h.ReceiveAsync(AckFor(invite)));
        Assert.Equal(TransactionState.Confirmed, tx.State);

        // A retransmitted ACK is absorbed in Confirmed.
        Assert.True(await h.ReceiveAsync(AckFor(invite)));
        Assert.Empty(h.Strays);

        h.AdvanceSeconds(4.9);
        Assert.Equal(TransactionState.Confirmed, tx.State);
        h.AdvanceSeconds(0.1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TransactionEnd.Normal, tx.End);
        Assert.Equal([0, 0.5], h.Sender.TimesOf(m => Is(m, 486)));
    }

    [Fact]
    public async Task Over_tcp_486_is_not_retransmitted_and_ack_terminates_at_once()
    {
        var (h, invite, tx) = await StartAsync(tcp: true);
        await tx.SendResponseAsync(Response(invite, 486));
        h.AdvanceSeconds(10);
        Assert.Single(h.Sender.Messages, m => Is(m.Message, 486));

        await h.ReceiveAsync(AckFor(invite), TcpPeer);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Over_tcp_timer_H_still_fires_without_ack()
    {
        var (h, invite, tx) = await StartAsync(tcp: true);
        await tx.SendResponseAsync(Response(invite, 486));

        h.AdvanceSeconds(32);

        Assert.Equal(TransactionEnd.Timeout, tx.End);
    }

    [Fact]
    public async Task A_2xx_moves_to_Accepted_which_absorbs_invites_and_hands_2xx_acks_to_the_TU_until_timer_L()
    {
        var (h, invite, tx) = await StartAsync();
        await tx.SendResponseAsync(Response(invite, 200));
        Assert.Equal(TransactionState.Accepted, tx.State);

        h.AdvanceSeconds(1);
        Assert.True(await h.ReceiveAsync(Request(SipMethods.Invite)));
        Assert.Single(h.Sender.Messages);
        Assert.Single(h.NewRequests);

        // The TU's own 2xx retransmissions still pass (RFC 6026 §7.1).
        await tx.SendResponseAsync(Response(invite, 200));
        Assert.Equal([0, 1], h.Sender.TimesOf(m => Is(m, 200)));

        // ACK for a 2xx is a separate transaction (new branch): it goes to the dialog layer.
        Assert.False(await h.ReceiveAsync(AckFor(invite, branch: "z9hG4bKack2")));
        var stray = Assert.Single(h.Strays);
        Assert.Equal(SipMethods.Ack, ((SipRequest)stray.Message).Method);

        h.AdvanceSeconds(30.9);
        Assert.Equal(TransactionState.Accepted, tx.State);
        h.AdvanceSeconds(0.1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public async Task Non_2xx_after_a_final_response_is_discarded()
    {
        var (h, invite, tx) = await StartAsync();
        await tx.SendResponseAsync(Response(invite, 486));
        await tx.SendResponseAsync(Response(invite, 500));

        Assert.DoesNotContain(h.Sender.Messages, m => Is(m.Message, 500));
    }

    [Fact]
    public async Task Cancel_is_its_own_transaction_and_finds_the_invite()
    {
        var (h, _, inviteTx) = await StartAsync();

        var cancel = Request(SipMethods.Cancel);
        Assert.True(await h.ReceiveAsync(cancel));

        Assert.Equal(2, h.NewRequests.Count);
        var cancelTx = h.NewRequests[1];
        Assert.IsType<NonInviteServerTransaction>(cancelTx);
        Assert.Same(inviteTx, h.Layer.FindInviteFor(cancelTx.Request));
        Assert.Null(h.Layer.FindInviteFor(Request(SipMethods.Cancel, branch: "z9hG4bKother")));
    }

    [Fact]
    public async Task Rfc2543_requests_without_magic_cookie_match_retransmissions_and_ack()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite, branch: "old1");
        await h.ReceiveAsync(invite);
        var tx = Assert.Single(h.NewRequests);

        await h.ReceiveAsync(Request(SipMethods.Invite, branch: "old1"));
        Assert.Single(h.NewRequests);

        await tx.SendResponseAsync(Response(invite, 486));
        Assert.True(await h.ReceiveAsync(AckFor(invite, branch: "old1")));
        Assert.Equal(TransactionState.Confirmed, tx.State);

        // Another CSeq is another transaction.
        await h.ReceiveAsync(Request(SipMethods.Invite, branch: "old1", cseq: 2));
        Assert.Equal(2, h.NewRequests.Count);
    }

    [Fact]
    public async Task Transport_error_terminates_the_transaction()
    {
        var (h, invite, tx) = await StartAsync();
        h.Sender.Fail = true;

        await tx.SendResponseAsync(Response(invite, 486));

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TransactionEnd.TransportError, tx.End);
    }
}
