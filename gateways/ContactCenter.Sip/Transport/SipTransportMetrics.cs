using System.Diagnostics.Metrics;

namespace ContactCenter.Sip.Transport;

/// <summary>Counters of the "ContactCenter.Sip" Meter (DESIGN §7: one Meter per service) plus in-process totals.</summary>
internal sealed class SipTransportMetrics : IDisposable
{
    public const string MeterName = "ContactCenter.Sip";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _parseErrors;

    public SipTransportMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("sip.transport.received", "{message}", "SIP messages received");
        _sent = _meter.CreateCounter<long>("sip.transport.sent", "{message}", "SIP messages sent");
        _dropped = _meter.CreateCounter<long>("sip.transport.dropped", "{message}", "SIP messages dropped unanswered");
        _parseErrors = _meter.CreateCounter<long>("sip.transport.parse_errors", "{message}", "SIP messages that failed to parse");
    }

    public SipTransportStatistics Totals { get; } = new();

    public void Received(SipProtocol protocol)
    {
        Totals.AddReceived();
        _received.Add(1, Tag(protocol));
    }

    public void Sent(SipProtocol protocol)
    {
        Totals.AddSent();
        _sent.Add(1, Tag(protocol));
    }

    public void Dropped(SipProtocol protocol, string reason)
    {
        Totals.AddDropped();
        _dropped.Add(1, Tag(protocol), new KeyValuePair<string, object?>("reason", reason));
    }

    public void ParseError(SipProtocol protocol)
    {
        Totals.AddParseError();
        _parseErrors.Add(1, Tag(protocol));
    }

    private static KeyValuePair<string, object?> Tag(SipProtocol protocol) =>
        new("protocol", protocol == SipProtocol.Udp ? "udp" : "tcp");

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
