using System.Diagnostics;
using System.Diagnostics.Metrics;
using ContactCenter.Contracts.Conversation;

namespace ContactCenter.ModelRuntime.Telemetry;

/// <summary>
/// The runtime's one Meter and one ActivitySource (DESIGN §7), exported by OpenTelemetry: every stage of every
/// turn and barge-in (issue 3, "Measured, per turn and per call") and the tick's own health. Tags are outcome
/// kinds (end-of-turn reason, barge-in kind), never call ids, so cardinality stays bounded.
/// </summary>
public sealed class RuntimeTelemetry : IDisposable
{
    public const string Name = "ContactCenter.ModelRuntime";

    private readonly Meter _meter;
    private readonly Histogram<double> _endOfTurnDelay;
    private readonly Histogram<double> _asrFinalDelay;
    private readonly Histogram<double> _decisionDelay;
    private readonly Histogram<double> _responseLatency;
    private readonly Histogram<double> _bargeInDecisionDelay;
    private readonly Histogram<double> _bargeInStopLatency;
    private readonly Counter<long> _bargeIns;
    private readonly Counter<long> _fillers;
    private readonly Histogram<double> _tickDuration;
    private readonly Counter<long> _tickOverruns;
    private readonly Histogram<int> _asrBatchSize;
    private readonly Histogram<double> _asrDuration;
    private readonly Counter<long> _callFaults;
    private int _activeCalls;

    public RuntimeTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _endOfTurnDelay = _meter.CreateHistogram<double>("contactcenter.turn.end_of_turn_delay", unit: "ms",
            description: "Caller speech end to the end-of-turn decision");
        _asrFinalDelay = _meter.CreateHistogram<double>("contactcenter.turn.asr_final_delay", unit: "ms",
            description: "Caller speech end to the final transcript");
        _decisionDelay = _meter.CreateHistogram<double>("contactcenter.turn.decision_delay", unit: "ms",
            description: "End-of-turn decision to the flow's answer");
        _responseLatency = _meter.CreateHistogram<double>("contactcenter.turn.response_latency", unit: "ms",
            description: "Caller speech end to the answer's first frame leaving the gateway");
        _bargeInDecisionDelay = _meter.CreateHistogram<double>("contactcenter.barge_in.decision_delay", unit: "ms",
            description: "Caller speech onset over the bot to the bot being paused");
        _bargeInStopLatency = _meter.CreateHistogram<double>("contactcenter.barge_in.stop_latency", unit: "ms",
            description: "Caller speech onset over the bot to the gateway dropping the queued bot audio");
        _bargeIns = _meter.CreateCounter<long>("contactcenter.barge_in.count", description: "Caller activity over the bot, by kind");
        _fillers = _meter.CreateCounter<long>("contactcenter.turn.fillers", description: "Fillers said because an answer was late");
        _tickDuration = _meter.CreateHistogram<double>("contactcenter.engine.tick_duration", unit: "ms",
            description: "Work done in one 20 ms engine tick across all calls");
        _tickOverruns = _meter.CreateCounter<long>("contactcenter.engine.tick_overruns",
            description: "Tick deadlines missed by a whole period (the engine fell behind real time)");
        _meter.CreateObservableGauge("contactcenter.engine.active_calls", () => Volatile.Read(ref _activeCalls),
            description: "Calls the engine serves now");
        _asrBatchSize = _meter.CreateHistogram<int>("contactcenter.asr.batch_size", description: "Clips transcribed in one batched Moonshine run");
        _asrDuration = _meter.CreateHistogram<double>("contactcenter.asr.duration", unit: "ms", description: "One batched Moonshine run");
        _callFaults = _meter.CreateCounter<long>("contactcenter.engine.call_faults",
            description: "Call sessions ended by an error (the gateway falls back to its fallback message and agent queue)");
    }

    /// <summary>The runtime's activities: caller turns and barge-ins, with the stage times as their span.</summary>
    public static ActivitySource Activities { get; } = new(Name);

    /// <summary>Calls the engine serves now (set by the tick).</summary>
    public int ActiveCalls
    {
        get => Volatile.Read(ref _activeCalls);
        set => Volatile.Write(ref _activeCalls, value);
    }

    /// <summary>A caller turn ended: the stages known at the end-of-turn decision.</summary>
    public void TurnEnded(string reason, TimeSpan endOfTurnDelay, TimeSpan asrFinalDelay)
    {
        var tag = new KeyValuePair<string, object?>("reason", reason);
        _endOfTurnDelay.Record(Milliseconds(endOfTurnDelay), tag);
        _asrFinalDelay.Record(Milliseconds(asrFinalDelay), tag);
    }

    /// <summary>A turn's answer reached the wire.</summary>
    public void TurnAnswered(TurnCompleted turn)
    {
        _decisionDelay.Record(Milliseconds(turn.DecidedAt - turn.EndOfTurnAt));
        _responseLatency.Record(Milliseconds(turn.ResponseLatency));
    }

    /// <summary>Caller activity over the bot was classified.</summary>
    public void BargeIn(BargeInKind kind, TimeSpan decisionDelay, TimeSpan? stopLatency)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind.ToString());
        _bargeIns.Add(1, tag);
        _bargeInDecisionDelay.Record(Milliseconds(decisionDelay), tag);
        if (stopLatency is { } stop)
        {
            _bargeInStopLatency.Record(Milliseconds(stop), tag);
        }
    }

    public void FillerPlayed() => _fillers.Add(1);

    public void Tick(TimeSpan duration) => _tickDuration.Record(duration.TotalMilliseconds);

    public void TickOverruns(long skipped) => _tickOverruns.Add(skipped);

    public void AsrBatch(int clips, TimeSpan duration)
    {
        _asrBatchSize.Record(clips);
        _asrDuration.Record(duration.TotalMilliseconds);
    }

    public void CallFaulted() => _callFaults.Add(1);

    public void Dispose() => _meter.Dispose();

    // Clock skew between gateway and runtime hosts can make a difference slightly negative; a latency is never.
    private static double Milliseconds(TimeSpan span) => Math.Max(0, span.TotalMilliseconds);
}
