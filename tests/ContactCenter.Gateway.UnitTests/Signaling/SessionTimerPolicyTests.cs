using ContactCenter.Gateway.Signaling;
using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Gateway.UnitTests.Signaling;

/// <summary>RFC 4028 §9 negotiation as the UAS.</summary>
public sealed class SessionTimerPolicyTests
{
    private static readonly TimeSpan Preferred = TimeSpan.FromSeconds(1800);
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(90);

    private static SipRequest Invite(params (string Name, string Value)[] headers)
    {
        var invite = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:bot@192.0.2.1"));
        foreach (var (name, value) in headers)
        {
            invite.Headers.Add(name, value);
        }

        return invite;
    }

    [Fact]
    public void No_timer_when_the_caller_neither_asks_nor_supports_it()
    {
        var decision = SessionTimerPolicy.Negotiate(Invite(), Preferred, Minimum);

        Assert.False(decision.TooSmall);
        Assert.Null(decision.Interval);
        Assert.Null(decision.HeaderValue);
    }

    [Fact]
    public void An_interval_below_our_min_se_is_refused_with_422()
    {
        var decision = SessionTimerPolicy.Negotiate(Invite(("Session-Expires", "60"), ("Supported", "timer")), Preferred, Minimum);

        Assert.True(decision.TooSmall);
    }

    [Fact]
    public void A_supporting_caller_refreshes_by_default_and_the_answer_requires_timer()
    {
        var decision = SessionTimerPolicy.Negotiate(Invite(("Session-Expires", "600"), ("Supported", "timer")), Preferred, Minimum);

        Assert.Equal(TimeSpan.FromSeconds(600), decision.Interval);
        Assert.Equal(SessionRefresher.Uac, decision.Refresher);
        Assert.True(decision.RequireTimer);
        Assert.Equal("600;refresher=uac", decision.HeaderValue);
        Assert.Equal(TimeSpan.FromSeconds(32), decision.ExpiryGuard);
    }

    [Fact]
    public void A_caller_without_timer_support_leaves_refreshing_to_us()
    {
        var decision = SessionTimerPolicy.Negotiate(Invite(("Session-Expires", "1200;refresher=uac")), Preferred, Minimum);

        Assert.Equal(SessionRefresher.Uas, decision.Refresher);
        Assert.False(decision.RequireTimer);
        Assert.Equal("1200;refresher=uas", decision.HeaderValue);
    }

    [Fact]
    public void Supported_timer_without_session_expires_gets_our_interval_but_not_below_their_min_se()
    {
        var decision = SessionTimerPolicy.Negotiate(Invite(("Supported", "100rel, timer"), ("Min-SE", "3600")), Preferred, Minimum);

        Assert.Equal(TimeSpan.FromSeconds(3600), decision.Interval);
    }
}
