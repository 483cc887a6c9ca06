using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ContactCenter.ModelRuntime.Telemetry;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The engine's own telemetry (<see cref="RuntimeTelemetry"/>, meter "ContactCenter.ModelRuntime"), listened to with a
/// <see cref="MeterListener"/> while <see cref="Recording"/> is on: tick durations and overruns, ASR runs, and the
/// per-turn and per-barge-in histograms. Only the meters of one <see cref="IMeterFactory"/> (one engine) are heard.
/// </summary>
internal sealed class EngineMetrics : IDisposable
{
    public const string TickDuration = "contactcenter.engine.tick_duration";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private volatile bool _recording;
    private long _lastTickStart;

    public EngineMetrics(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Count(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Measurements count only while this is on (the measured window of a step).</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>
    /// When the engine's latest tick started (Stopwatch timestamp: the tick-duration measurement's end less its value),
    /// whether or not <see cref="Recording"/> is on; 0 before the first tick. The simulated gateway sets its clock's phase from it.
    /// </summary>
    public long LastTickStart => Interlocked.Read(ref _lastTickStart);

    /// <summary>Values of a histogram ("contactcenter.engine.tick_duration"), or of one tag of it ("contactcenter.barge_in.decision_delay/Interruption").</summary>
    public List<double> Values(string name) => _values.TryGetValue(name, out var values) ? [.. values] : [];

    /// <summary>The sum of a counter, or of one tag of it ("contactcenter.barge_in.count/Backchannel").</summary>
    public long Total(string name) => _counts.GetValueOrDefault(name);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.Name == TickDuration)
        {
            Interlocked.Exchange(ref _lastTickStart, Stopwatch.GetTimestamp() - (long)(value / 1000 * Stopwatch.Frequency));
        }

        if (!_recording)
        {
            return;
        }

        _values.GetOrAdd(instrument.Name, _ => new ConcurrentQueue<double>()).Enqueue(value);
        foreach (var tag in tags)
        {
            _values.GetOrAdd($"{instrument.Name}/{tag.Value}", _ => new ConcurrentQueue<double>()).Enqueue(value);
        }
    }

    private void Count(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_recording)
        {
            return;
        }

        _counts.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        foreach (var tag in tags)
        {
            _counts.AddOrUpdate($"{instrument.Name}/{tag.Value}", value, (_, total) => total + value);
        }
    }
}
