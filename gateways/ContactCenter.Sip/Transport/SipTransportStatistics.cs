namespace ContactCenter.Sip.Transport;

/// <summary>Running totals of one <see cref="SipTransportLayer"/> (the same numbers its Meter reports).</summary>
public sealed class SipTransportStatistics
{
    private long _received;
    private long _sent;
    private long _dropped;
    private long _parseErrors;

    /// <summary>Messages (datagrams or framed TCP messages) that arrived, good or bad.</summary>
    public long Received => Interlocked.Read(ref _received);

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages discarded without an answer: too large, unparseable, filtered.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long ParseErrors => Interlocked.Read(ref _parseErrors);

    internal void AddReceived() => Interlocked.Increment(ref _received);

    internal void AddSent() => Interlocked.Increment(ref _sent);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddParseError() => Interlocked.Increment(ref _parseErrors);
}
