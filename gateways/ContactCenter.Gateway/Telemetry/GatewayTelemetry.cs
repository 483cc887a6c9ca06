using System.Diagnostics;
using System.Diagnostics.Metrics;
using ContactCenter.Contracts.Calls;

namespace ContactCenter.Gateway.Telemetry;

/// <summary>The gateway's one Meter and one ActivitySource (DESIGN §7), exported by OpenTelemetry.</summary>
public sealed class GatewayTelemetry : IDisposable
{
    public const string Name = "ContactCenter.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _ended;
    private readonly UpDownCounter<long> _active;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _dtmf;
    private readonly Counter<long> _engineFailures;
    private readonly Counter<long> _fallbacks;

    public GatewayTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _answered = _meter.CreateCounter<long>("contactcenter.gateway.calls.answered", description: "Calls answered with 200 OK");
        _rejected = _meter.CreateCounter<long>("contactcenter.gateway.calls.rejected", description: "INVITEs refused before answer, by reason");
        _ended = _meter.CreateCounter<long>("contactcenter.gateway.calls.ended", description: "Answered calls that ended, by the party that ended them");
        _active = _meter.CreateUpDownCounter<long>("contactcenter.gateway.calls.active", description: "Calls up now");
        _duration = _meter.CreateHistogram<double>("contactcenter.gateway.call.duration", unit: "s", description: "Answered call duration");
        _dtmf = _meter.CreateCounter<long>("contactcenter.gateway.dtmf.received", description: "DTMF digits received, by method");
        _engineFailures = _meter.CreateCounter<long>("contactcenter.gateway.engine.failures",
            description: "Calls whose engine stream could not be opened or failed mid-call, by stage (open, stream)");
        _fallbacks = _meter.CreateCounter<long>("contactcenter.gateway.engine.fallbacks",
            description: "Calls that heard the fallback message after an engine failure, by outcome (transferred, hung-up)");
    }

    public static ActivitySource Activities { get; } = new(Name);

    public void CallAnswered(string codec)
    {
        _answered.Add(1, new KeyValuePair<string, object?>("codec", codec));
        _active.Add(1);
    }

    public void CallRejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallEnded(TimeSpan duration, CallParty by)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("by", by.ToString()));
        _duration.Record(duration.TotalSeconds);
        _active.Add(-1);
    }

    public void DtmfReceived(string method) => _dtmf.Add(1, new KeyValuePair<string, object?>("method", method));

    public void EngineFailed(string stage) => _engineFailures.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public void FallbackCompleted(string outcome) => _fallbacks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
