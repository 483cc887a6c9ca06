using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transactions;
using Xunit;
using static ContactCenter.Sip.UnitTests.Transactions.TransactionHarness;

namespace ContactCenter.Sip.UnitTests.Transactions;

public class SipTransactionLayerTests
{
    [Fact]
    public async Task Response_without_a_client_transaction_goes_to_Stray()
    {
        var h = new TransactionHarness();

        Assert.False(await h.ReceiveAsync(Response(Request(SipMethods.Invite), 200)));

        Assert.Single(h.Strays);
    }

    [Fact]
    public async Task Response_matches_on_branch_and_cseq_method_only()
    {
        var h = new TransactionHarness();
        var invite = Request(SipMethods.Invite);
        var tx = h.Layer.CreateClient(invite, UdpPeer);

        var otherMethod = Response(invite, 200);
        otherMethod.CSeq = new CSeqHeader(1, SipMethods.Cancel);
        Assert.False(await h.ReceiveAsync(otherMethod));
        Assert.False(await h.ReceiveAsync(Response(Request(SipMethods.Invite, branch: "z9hG4bKother"), 200)));
        Assert.False(tx.FinalResponse.IsCompleted);

        Assert.True(await h.ReceiveAsync(Response(invite, 404)));
        Assert.Equal(404, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public async Task Same_branch_from_another_sent_by_is_another_transaction()
    {
        var h = new TransactionHarness();

        await h.ReceiveAsync(Request(SipMethods.Options));
        await h.ReceiveAsync(Request(SipMethods.Options, sentBy: "10.9.9.9:5060"));

        Assert.Equal(2, h.NewRequests.Count);
    }

    [Fact]
    public async Task Ack_without_a_transaction_goes_to_Stray()
    {
        var h = new TransactionHarness();

        Assert.False(await h.ReceiveAsync(AckFor(Request(SipMethods.Invite), branch: "z9hG4bKack")));

        Assert.Single(h.Strays);
        Assert.Empty(h.NewRequests);
    }

    [Fact]
    public async Task A_failing_TU_handler_gets_500_sent()
    {
        var h = new TransactionHarness { OnNewRequest = _ => throw new InvalidOperationException("boom") };

        await h.ReceiveAsync(Request(SipMethods.Options));

        var response = Assert.IsType<SipResponse>(Assert.Single(h.Sender.Messages).Message);
        Assert.Equal(500, response.StatusCode);
    }

    [Fact]
    public async Task No_handler_answers_503()
    {
        var h = new TransactionHarness();
        h.Layer.NewRequest = null;

        await h.ReceiveAsync(Request(SipMethods.Options));

        Assert.Equal(503, ((SipResponse)Assert.Single(h.Sender.Messages).Message).StatusCode);
    }

    [Fact]
    public void Reusing_a_branch_for_a_second_client_transaction_throws()
    {
        var h = new TransactionHarness();
        h.Layer.CreateClient(Request(SipMethods.Options), UdpPeer);

        Assert.Throws<InvalidOperationException>(() => h.Layer.CreateClient(Request(SipMethods.Options), UdpPeer));
    }

    [Fact]
    public void Server_key_folds_ack_into_invite_and_keeps_cancel_apart()
    {
        var invite = TransactionKey.ForServer(Request(SipMethods.Invite));
        var ack = TransactionKey.ForServer(Request(SipMethods.Ack));
        var cancel = TransactionKey.ForServer(Request(SipMethods.Cancel));

        Assert.Equal(invite, ack);
        Assert.NotEqual(invite, cancel);
        Assert.Equal(invite, TransactionKey.ForCancelledInvite(Request(SipMethods.Cancel)));
        Assert.Equal(new TransactionKey("z9hG4bKbranch1", "10.0.0.1:5060", SipMethods.Invite), invite);
    }

    [Fact]
    public void Keys_need_a_via()
    {
        var request = Request(SipMethods.Options);
        request.Headers.Remove("Via");

        Assert.Null(TransactionKey.ForServer(request));
        Assert.Null(TransactionKey.ForClient(request));
    }
}
