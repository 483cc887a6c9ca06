using System.Collections.Concurrent;
using System.Net;

namespace ContactCenter.Gateway.Security;

/// <summary>
/// A token bucket per source address for new INVITEs, so that a flood from one address is refused
/// while every other caller still gets through. Buckets idle for a minute are forgotten, so that
/// spoofed sources cannot grow memory without bound.
/// </summary>
public sealed class InviteRateLimiter
{
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private long _lastSweep;

    public InviteRateLimiter(double ratePerSecond, double burst, TimeProvider time)
    {
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _time = time;
        _lastSweep = time.GetTimestamp();
    }

    public int TrackedSources => _buckets.Count;

    /// <summary>Takes one token from the source's bucket; false when the source is over its rate.</summary>
    public bool TryAcquire(IPAddress source)
    {
        var now = _time.GetTimestamp();
        SweepIdle(now);
        var bucket = _buckets.GetOrAdd(source, _ => new Bucket(_burst, now));
        lock (bucket)
        {
            var elapsed = _time.GetElapsedTime(bucket.LastRefill, now).TotalSeconds;
            bucket.Tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _ratePerSecond));
            bucket.LastRefill = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private void SweepIdle(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (_time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1) || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (address, bucket) in _buckets)
        {
            if (_time.GetElapsedTime(bucket.LastRefill, now) > TimeSpan.FromMinutes(1))
            {
                _buckets.TryRemove(address, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long lastRefill)
    {
        public double Tokens { get; set; } = tokens;
        public long LastRefill { get; set; } = lastRefill;
    }
}
