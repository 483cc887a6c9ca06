namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// One step of the <c>voice capacity</c> ramp: N calls for the measured window. Tick figures are the engine's
/// (contactcenter.engine.tick_duration, tick_overruns: deadlines missed by a whole 20 ms period); ASR latency is speech
/// end → final transcript (contactcenter.turn.asr_final_delay, which includes the tick that applies it); CPU is in
/// cores (1.0 = one core busy), for the whole process and the engine's two threads. A false barge-in is a
/// ClearBotAudio with no caller speech in the 500 ms before it (the line's echo or noise paused the bot), listed
/// with how far into the bot's stretch of speech it came.
/// </summary>
internal sealed record CapacityStep(
    int Calls,
    double MeasuredSeconds,
    string LoadAverageBefore,
    string LoadAverageAfter,
    long Ticks,
    Distribution TickMs,
    long TickOverruns,
    long GatewayLateSteps,
    Distribution AsrFinalMs,
    Distribution AsrRunMs,
    double AsrBatchMean,
    double AsrBatchMax,
    Distribution EndOfTurnMs,
    Distribution ResponseMs,
    Distribution BargeInDecisionMs,
    long Backchannels,
    long Interruptions,
    long Fillers,
    long CallFaults,
    long CallerRequests,
    long CallerBackchannels,
    long CallerInterruptions,
    long CallsReplaced,
    long FalseBargeIns,
    IReadOnlyList<long> FalseBargeInsIntoBotSpeechMs,
    double ProcessCores,
    double TickThreadCores,
    double AsrThreadCores,
    double GatewayThreadCores,
    IReadOnlyDictionary<string, long> EngineWarnings,
    bool Passed,
    string Verdict);
