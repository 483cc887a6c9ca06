namespace ContactCenter.Benchmarks.Voice;

/// <summary>Everything one <c>voice floor</c> run measured: every trial, with the machine it ran on.</summary>
internal sealed record FloorReport(
    MachineInfo Machine,
    double Seconds,
    IReadOnlyList<BackchannelTrial> Backchannels,
    IReadOnlyList<InterruptionTrial> Interruptions,
    IReadOnlyList<EchoTrial> Echoes,
    IReadOnlyList<TurnTrial> Turns);
