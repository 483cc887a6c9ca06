using ContactCenter.Sip.Dialogs;
using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Dialogs;

/// <summary>RFC 3261 §12: dialog creation as UAS, in-dialog requests, CSeq ordering.</summary>
public sealed class SipDialogTests
{
    private static SipRequest Invite(string? recordRoute = null)
    {
        var text =
            "INVITE sip:bot@192.0.2.1:5060 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776asdhds\r\n" +
            (recordRoute is null ? string.Empty : "Record-Route: " + recordRoute + "\r\n") +
            "Max-Forwards: 70\r\n" +
            "To: <sip:bot@192.0.2.1>\r\n" +
            "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
            "Call-ID: a84b4c76e66710@pc33\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "Contact: <sip:alice@198.51.100.7:5062>\r\n" +
            "Content-Length: 0\r\n\r\n";
        return (SipRequest)SipParser.Parse(System.Text.Encoding.ASCII.GetBytes(text)).Message!;
    }

    [Fact]
    public void Uas_dialog_takes_ids_target_and_remote_sequence_from_the_invite()
    {
        var dialog = SipDialog.CreateAsServer(Invite(), "ourtag");

        Assert.Equal("a84b4c76e66710@pc33", dialog.CallId);
        Assert.Equal("ourtag", dialog.LocalTag);
        Assert.Equal("1928301774", dialog.RemoteTag);
        Assert.Equal("sip:alice@198.51.100.7:5062", dialog.RemoteTarget.ToString());
        Assert.Equal(314159u, dialog.RemoteSequence);
        Assert.Empty(dialog.RouteSet);
    }

    [Fact]
    public void Bye_goes_to_the_remote_target_with_swapped_tags_and_a_higher_cseq()
    {
        var dialog = SipDialog.CreateAsServer(Invite(), "ourtag");

        var first = dialog.CreateRequest(SipMethods.Bye);
        var second = dialog.CreateRequest(SipMethods.Info);

        Assert.Equal("sip:alice@198.51.100.7:5062", first.RequestUri.ToString());
        Assert.Equal("ourtag", first.From!.Tag);
        Assert.Equal("1928301774", first.To!.Tag);
        Assert.Equal("a84b4c76e66710@pc33", first.CallId);
        Assert.Equal(SipMethods.Bye, first.CSeq!.Method);
        Assert.Equal(first.CSeq.Number + 1, second.CSeq!.Number);
        Assert.False(first.Headers.Contains(SipHeaderNames.Route));
    }

    [Fact]
    public void Loose_routes_become_route_headers_in_record_route_order()
    {
        var dialog = SipDialog.CreateAsServer(Invite("<sip:p1.example.com;lr>, <sip:p2.example.com;lr>"), "ourtag");

        var bye = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], bye.Headers.GetAll(SipHeaderNames.Route).ToArray());
        Assert.Equal("sip:alice@198.51.100.7:5062", bye.RequestUri.ToString());
        Assert.Equal("p1.example.com", dialog.NextHop.Host);
    }

    [Fact]
    public void A_strict_router_becomes_the_request_uri_and_the_target_goes_last()
    {
        var dialog = SipDialog.CreateAsServer(Invite("<sip:strict.example.com>"), "ourtag");

        var bye = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal("sip:strict.example.com", bye.RequestUri.ToString());
        Assert.Equal(["<sip:alice@198.51.100.7:5062>"], bye.Headers.GetAll(SipHeaderNames.Route).ToArray());
    }

    [Fact]
    public void Requests_out_of_cseq_order_are_refused_and_ack_is_exempt()
    {
        var dialog = SipDialog.CreateAsServer(Invite(), "ourtag");
        SipRequest Request(string method, uint cseq)
        {
            var request = new SipRequest(method, SipUri.Parse("sip:bot@192.0.2.1"));
            request.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(cseq, method).ToString());
            return request;
        }

        Assert.True(dialog.TryAcceptRemoteSequence(Request(SipMethods.Ack, 314159)));
        Assert.True(dialog.TryAcceptRemoteSequence(Request(SipMethods.Info, 314160)));
        Assert.False(dialog.TryAcceptRemoteSequence(Request(SipMethods.Bye, 314150)));
        Assert.True(dialog.TryAcceptRemoteSequence(Request(SipMethods.Bye, 314161)));
        Assert.Equal(314161u, dialog.RemoteSequence);
    }

    [Fact]
    public void Matches_only_requests_of_this_dialog()
    {
        var dialog = SipDialog.CreateAsServer(Invite(), "ourtag");
        var bye = new SipRequest(SipMethods.Bye, SipUri.Parse("sip:bot@192.0.2.1"));
        bye.Headers.Add(SipHeaderNames.From, "<sip:alice@example.com>;tag=1928301774");
        bye.Headers.Add(SipHeaderNames.To, "<sip:bot@192.0.2.1>;tag=ourtag");
        bye.Headers.Add(SipHeaderNames.CallId, "a84b4c76e66710@pc33");

        Assert.True(dialog.Matches(bye));
        bye.Headers.Set(SipHeaderNames.To, "<sip:bot@192.0.2.1>;tag=other");
        Assert.False(dialog.Matches(bye));
    }

    [Fact]
    public void Uac_dialog_reverses_the_record_route_and_targets_the_2xx_contact()
    {
        var invite = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:agent@192.0.2.20"));
        invite.Headers.Add(SipHeaderNames.From, "<sip:bot@192.0.2.1>;tag=ours");
        invite.Headers.Add(SipHeaderNames.To, "<sip:agent@192.0.2.20>");
        invite.Headers.Add(SipHeaderNames.CallId, "xfer-1@192.0.2.1");
        invite.Headers.Add(SipHeaderNames.CSeq, "1 INVITE");
        var ok = new SipResponse(200);
        ok.Headers.Add(SipHeaderNames.RecordRoute, "<sip:p2.example.com;lr>");
        ok.Headers.Add(SipHeaderNames.RecordRoute, "<sip:p1.example.com;lr>");
        ok.Headers.Add(SipHeaderNames.To, "<sip:agent@192.0.2.20>;tag=theirs");
        ok.Headers.Add(SipHeaderNames.Contact, "<sip:agent@192.0.2.21:5066>");

        var dialog = SipDialog.CreateAsClient(invite, ok);
        var bye = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal(("xfer-1@192.0.2.1", "ours", "theirs"), (dialog.CallId, dialog.LocalTag, dialog.RemoteTag));
        Assert.Equal("sip:agent@192.0.2.21:5066", bye.RequestUri.ToString()); // §12.1.2: remote target = Contact of the 2xx
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], bye.Headers.GetAll(SipHeaderNames.Route).ToArray());
        Assert.Equal(2u, bye.CSeq!.Number);
    }
}
