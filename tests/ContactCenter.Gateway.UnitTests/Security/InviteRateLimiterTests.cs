using System.Net;
using ContactCenter.Gateway.Security;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ContactCenter.Gateway.UnitTests.Security;

public sealed class InviteRateLimiterTests
{
    private static readonly IPAddress Flooder = IPAddress.Parse("192.0.2.66");
    private static readonly IPAddress Caller = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void A_source_gets_its_burst_then_its_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new InviteRateLimiter(ratePerSecond: 10, burst: 5, time);

        var burst = Enumerable.Range(0, 8).Count(_ => limiter.TryAcquire(Flooder));
        time.Advance(TimeSpan.FromMilliseconds(300)); // 3 tokens back
        var afterPause = Enumerable.Range(0, 8).Count(_ => limiter.TryAcquire(Flooder));

        Assert.Equal(5, burst);
        Assert.Equal(3, afterPause);
    }

    [Fact]
    public void A_flooding_source_does_not_use_up_another_sources_tokens()
    {
        var limiter = new InviteRateLimiter(ratePerSecond: 10, burst: 5, new FakeTimeProvider());

        for (var i = 0; i < 10_000; i++)
        {
            limiter.TryAcquire(Flooder);
        }

        Assert.True(limiter.TryAcquire(Caller));
        Assert.False(limiter.TryAcquire(Flooder));
    }

    [Fact]
    public void Idle_sources_are_forgotten_so_spoofed_floods_cannot_grow_memory()
    {
        var time = new FakeTimeProvider();
        var limiter = new InviteRateLimiter(ratePerSecond: 10, burst: 5, time);
        for (var i = 0; i < 1000; i++)
        {
            limiter.TryAcquire(new IPAddress(0x0A000000 + i));
        }

        time.Advance(TimeSpan.FromMinutes(2));
        limiter.TryAcquire(Caller);

        Assert.Equal(1, limiter.TrackedSources);
    }
}
