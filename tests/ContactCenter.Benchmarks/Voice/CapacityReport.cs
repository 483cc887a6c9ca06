namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// A <c>voice capacity</c> ramp: each step, and the largest number of calls that ran without a tick overrun within the
/// ASR limit. <see cref="GatewayPhaseMs"/>: how long after each engine tick the simulated gateway's step runs.
/// </summary>
internal sealed record CapacityReport(
    MachineInfo Machine,
    bool TickRealtime,
    double AsrP95LimitMs,
    string Line,
    double GatewayPhaseMs,
    IReadOnlyList<CapacityStep> Steps,
    int LargestPassing);
