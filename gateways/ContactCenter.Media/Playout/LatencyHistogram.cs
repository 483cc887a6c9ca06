namespace ContactCenter.Media.Playout;

/// <summary>
/// Fixed 10 µs buckets up to 40 ms plus an overflow bucket: recording is one increment, with no
/// allocation, on the scheduler thread. Readers on other threads may see a tick-old view, which is
/// fine for statistics.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long BucketMicroseconds = 10;
    private const int Buckets = 4000;

    private readonly long[] _counts = new long[Buckets + 1];
    private long _total;
    private long _maxMicroseconds;

    public long Count => Volatile.Read(ref _total);

    public void Record(long microseconds)
    {
        if (microseconds < 0)
        {
            microseconds = 0;
        }

        long bucket = Math.Min(microseconds / BucketMicroseconds, Buckets);
        _counts[bucket]++;
        _total++;
        if (microseconds > _maxMicroseconds)
        {
            _maxMicroseconds = microseconds;
        }
    }

    public TimeSpan Max => TimeSpan.FromMicroseconds(Volatile.Read(ref _maxMicroseconds));

    /// <summary>Upper edge of the bucket holding the given quantile (0..1).</summary>
    public TimeSpan Percentile(double quantile)
    {
        long total = Volatile.Read(ref _total);
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        long rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (int i = 0; i <= Buckets; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return i == Buckets ? Max : TimeSpan.FromMicroseconds(Math.Min((i + 1) * BucketMicroseconds, Volatile.Read(ref _maxMicroseconds)));
            }
        }

        return Max;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
        _maxMicroseconds = 0;
    }
}
