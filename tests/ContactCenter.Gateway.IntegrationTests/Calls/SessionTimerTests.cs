using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Gateway.IntegrationTests.Platform;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Calls;

/// <summary>RFC 4028 session timers on the running gateway, with its clock under the test's control.</summary>
[Collection(PeersCollection.Name)]
public sealed class SessionTimerTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";

    private static Task<GatewayHost> StartAsync(FakeTimeProvider time) =>
        GatewayHost.StartAsync(settings => settings["Gateway:RtpTimeout"] = "01:00:00", time); // no RTP flows here

    [Fact]
    public async Task When_the_caller_cannot_refresh_the_gateway_refreshes_at_half_the_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = await StartAsync(time);
        using var probe = new SipProbe();
        var invite = probe.Request("INVITE", extraHeaders: "Session-Expires: 120\r\nContent-Type: application/sdp\r\n", body: Sdp);

        await probe.PostAsync(invite);
        var ok = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200);
        await probe.PostAsync(probe.AckFor(invite, ok!));
        await platform.WaitUntilConfirmedAsync();
        time.Advance(TimeSpan.FromSeconds(61));
        var refresh = await probe.ReceiveAsync(text => text.StartsWith("INVITE ", StringComparison.Ordinal));
        await probe.PostAsync(probe.ResponseFor(refresh!, 200, "OK", Sdp));
        var ack = await probe.ReceiveAsync(text => text.StartsWith("ACK ", StringComparison.Ordinal));

        Assert.Contains("Session-Expires: 120;refresher=uas", ok, StringComparison.Ordinal); // §9: it does not support timer, so we refresh
        Assert.DoesNotContain("Require: timer", ok, StringComparison.Ordinal);
        Assert.NotNull(refresh); // a re-INVITE: the caller did not list UPDATE in Allow
        Assert.Contains("Session-Expires: 120;refresher=uas", refresh, StringComparison.Ordinal);
        Assert.Contains("application/sdp", refresh, StringComparison.Ordinal);
        Assert.NotNull(ack); // RFC 3261 §13.2.2.4: we ACK the 2xx to our re-INVITE
        Assert.Equal(1, platform.Gateway.ActiveCalls);
    }

    [Fact]
    public async Task When_the_refreshing_caller_goes_quiet_the_gateway_hangs_up_before_expiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = await StartAsync(time);
        using var probe = new SipProbe();
        var invite = probe.Request("INVITE", extraHeaders: "Supported: timer\r\nSession-Expires: 120\r\nContent-Type: application/sdp\r\n", body: Sdp);

        await probe.PostAsync(invite);
        var ok = await probe.ReceiveAsync(text => SipProbe.StatusOf(text) == 200);
        await probe.PostAsync(probe.AckFor(invite, ok!));
        await platform.WaitUntilConfirmedAsync();
        time.Advance(TimeSpan.FromSeconds(80));
        var early = await probe.ReceiveAsync(text => text.StartsWith("BYE ", StringComparison.Ordinal), TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromSeconds(9)); // 120 s less the §10 guard of 32 s = 88 s
        var bye = await probe.ReceiveAsync(text => text.StartsWith("BYE ", StringComparison.Ordinal));

        Assert.Contains("Session-Expires: 120;refresher=uac", ok, StringComparison.Ordinal);
        Assert.Contains("Require: timer", ok, StringComparison.Ordinal);
        Assert.Null(early);
        Assert.NotNull(bye);
        Assert.Contains("Reason: Q.850;cause=102", bye, StringComparison.Ordinal);
        var ended = await platform.WaitForAsync<CallEnded>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(102, ended.Q850Cause);
    }
}
