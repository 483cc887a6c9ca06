using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Gateway.IntegrationTests.Platform;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Calls;

/// <summary>What the gateway answers to requests it must refuse, over real UDP to the running gateway.</summary>
[Collection(PeersCollection.Name)]
public sealed class SignallingEdgeTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
    private const string SdpHeaders = "Content-Type: application/sdp\r\n";

    [Fact]
    public async Task Invites_from_unlisted_sources_get_403_and_are_recorded()
    {
        await using var platform = await GatewayHost.StartAsync(settings =>
        {
            settings["Gateway:AllowedSources:0"] = "127.0.0.1/32";
            settings["Gateway:AllowedSources:1"] = "::1/128";
        });
        using var outsider = new SipProbe("127.0.0.9");

        var (status, _) = await outsider.SendAsync(outsider.Request("INVITE", extraHeaders: SdpHeaders, body: Sdp));

        Assert.Equal(403, status);
        var rejected = await platform.WaitForAsync<CallRejected>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(403, rejected.SipStatus);
        Assert.StartsWith("127.0.0.9:", rejected.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_not_served_here_get_404()
    {
        await using var platform = await GatewayHost.StartAsync(settings => settings["Gateway:Numbers:0"] = "+15551230000");
        using var probe = new SipProbe();

        var (unknown, _) = await probe.SendAsync(probe.Request("INVITE", user: "+15559999999", extraHeaders: SdpHeaders, body: Sdp));
        var (known, _) = await probe.SendAsync(probe.Request("INVITE", user: "+15551230000", extraHeaders: SdpHeaders, body: Sdp));

        Assert.Equal(404, unknown);
        Assert.Equal(200, known);
    }

    [Theory]
    [InlineData("BYE", "", 481)]                                   // no such dialog (§12.2.2)
    [InlineData("FROBNICATE", "", 501)]                            // unknown method (§8.2.1)
    [InlineData("REGISTER", "", 405)]                              // not a registrar, with Allow
    [InlineData("INVITE", "Require: 100rel\r\n", 420)]             // unsupported extension, with Unsupported
    [InlineData("INVITE", "Session-Expires: 30\r\nSupported: timer\r\n", 422)] // below Min-SE (RFC 4028 §9)
    [InlineData("OPTIONS", "", 200)]
    public async Task Requests_the_gateway_must_refuse_get_the_rfc_response(string method, string headers, int expected)
    {
        await using var platform = await GatewayHost.StartAsync();
        using var probe = new SipProbe();
        var body = method == "INVITE" ? Sdp : string.Empty;

        var (status, response) = await probe.SendAsync(probe.Request(method, extraHeaders: headers + (body.Length > 0 ? SdpHeaders : string.Empty), body: body));

        Assert.Equal(expected, status);
        switch (expected)
        {
            case 405:
                Assert.Contains("Allow: INVITE", response, StringComparison.Ordinal);
                break;
            case 420:
                Assert.Contains("Unsupported: 100rel", response, StringComparison.Ordinal);
                break;
            case 422:
                Assert.Contains("Min-SE: 90", response, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task In_dialog_requests_for_a_dialog_that_does_not_exist_get_481()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var probe = new SipProbe();

        var (status, _) = await probe.SendAsync(probe.Request("INFO", toTag: "nosuchtag"));

        Assert.Equal(481, status);
    }

    [Fact]
    public async Task Cancel_before_answer_gets_200_and_the_invite_487()
    {
        await using var platform = await GatewayHost.StartAsync(settings => settings["Gateway:RingTime"] = "00:00:05");
        using var probe = new SipProbe();
        var invite = probe.Request("INVITE", extraHeaders: SdpHeaders, body: Sdp);

        await probe.PostAsync(invite);
        Assert.NotNull(await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 180));
        await probe.PostAsync(CancelFor(invite));
        var cancelOk = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200 && text.Contains("CSeq: 1 CANCEL", StringComparison.Ordinal));
        var terminated = await probe.ReceiveAsync(text => text.Contains("CSeq: 1 INVITE", StringComparison.Ordinal) && SipProbe.StatusOf(text) >= 200);

        Assert.NotNull(cancelOk);
        Assert.Equal(487, SipProbe.StatusOf(terminated!));
        var rejected = await platform.WaitForAsync<CallRejected>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(487, rejected.SipStatus);
        Assert.Equal(0, platform.Gateway.ActiveCalls);
    }

    /// <summary>RFC 3261 §9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via (branch) as the INVITE, method CANCEL, no body.</summary>
    private static string CancelFor(string invite)
    {
        var head = invite[..invite.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var lines = head.Split("\r\n")
            .Where(line => !line.StartsWith("Content-", StringComparison.Ordinal) && !line.StartsWith("Contact:", StringComparison.Ordinal))
            .Select(line => line.StartsWith("INVITE ", StringComparison.Ordinal) ? "CANCEL " + line["INVITE ".Length..] : line)
            .Select(line => line == "CSeq: 1 INVITE" ? "CSeq: 1 CANCEL" : line);
        return string.Join("\r\n", lines) + "\r\nContent-Length: 0\r\n\r\n";
    }

    [Fact]
    public async Task Our_200_is_retransmitted_until_the_ack_arrives()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var probe = new SipProbe();
        var invite = probe.Request("INVITE", extraHeaders: SdpHeaders, body: Sdp);

        await probe.PostAsync(invite);
        var first = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200);
        var again = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200, TimeSpan.FromSeconds(2));
        await probe.PostAsync(probe.AckFor(invite, first!));
        var afterAck = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200, TimeSpan.FromSeconds(2));

        Assert.NotNull(again); // RFC 3261 §13.3.1.4: resent at T1, 2·T1, … until the ACK
        Assert.Null(afterAck);
    }

    [Fact]
    public async Task A_caller_that_sends_no_rtp_is_hung_up_with_bye_and_cause_102()
    {
        await using var platform = await GatewayHost.StartAsync(settings => settings["Gateway:RtpTimeout"] = "00:00:02");
        using var probe = new SipProbe();
        var invite = probe.Request("INVITE", extraHeaders: SdpHeaders, body: Sdp);

        await probe.PostAsync(invite);
        var ok = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200);
        await probe.PostAsync(probe.AckFor(invite, ok!));
        var bye = await probe.ReceiveAsync(text => text.StartsWith("BYE ", StringComparison.Ordinal), TimeSpan.FromSeconds(6));

        Assert.NotNull(bye);
        Assert.Contains("Reason: Q.850;cause=102", bye, StringComparison.Ordinal);
        var ended = await platform.WaitForAsync<CallEnded>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(CallParty.Gateway, ended.HungUpBy);
        Assert.Equal(102, ended.Q850Cause);
    }
}
