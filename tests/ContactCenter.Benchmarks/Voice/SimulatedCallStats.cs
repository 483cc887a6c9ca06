namespace ContactCenter.Benchmarks.Voice;

/// <summary>What the simulated callers did during a step, counted across calls (fields, for Interlocked).</summary>
internal sealed class SimulatedCallStats
{
    public long Requests;
    public long Backchannels;
    public long Interruptions;
    public long NoAnswer;
    public long EndedByFlow;
    public long EndedByEngine;
    public long InputRefused;

    private readonly List<long> _falsePauses = [];

    /// <summary>A pause with no caller speech near it, <paramref name="intoBotSpeechMs"/> after the bot's audio started (-1: unknown).</summary>
    public void FalsePause(long intoBotSpeechMs)
    {
        lock (_falsePauses)
        {
            _falsePauses.Add(intoBotSpeechMs);
        }
    }

    /// <summary>The false pauses so far (how far into the bot's speech each came, ms).</summary>
    public List<long> FalsePauses()
    {
        lock (_falsePauses)
        {
            return [.. _falsePauses];
        }
    }
}
