using System.Diagnostics.Metrics;
using ContactCenter.ModelRuntime.Telemetry;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>Collects one histogram's measurements from this harness's meter only.</summary>
public sealed class HistogramRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _values = [];

    public HistogramRecorder(IMeterFactory factory, string instrument)
    {
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (i.Meter.Name == RuntimeTelemetry.Name && ReferenceEquals(i.Meter.Scope, factory) && i.Name == instrument)
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_values)
            {
                _values.Add(value);
            }
        });
        _listener.Start();
    }

    public List<double> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
