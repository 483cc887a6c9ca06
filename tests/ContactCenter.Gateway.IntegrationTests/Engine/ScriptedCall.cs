using ContactCenter.ModelRuntime.Protocol;

namespace ContactCenter.Gateway.IntegrationTests.Engine;

/// <summary>What the scripted runtime saw of one call's stream. Thread-safe snapshots for the asserts.</summary>
public sealed class ScriptedCall
{
    private readonly Lock _gate = new();
    private readonly List<FramePlayed> _played = [];
    private readonly List<QueueCleared> _cleared = [];
    private int _callerFrames;

    public ScriptedCall(CallStart start) => Start = start;

    public CallStart Start { get; }

    public int CallerFrames => Volatile.Read(ref _callerFrames);

    /// <summary>The CallerHungUp cause, when the gateway sent one.</summary>
    public int? HungUpCause { get; private set; }

    /// <summary>The gateway completed its request stream (a clean end, not a cancellation).</summary>
    public bool EndedCleanly { get; private set; }

    public IReadOnlyList<FramePlayed> Played
    {
        get
        {
            lock (_gate)
            {
                return [.. _played];
            }
        }
    }

    public IReadOnlyList<QueueCleared> Cleared
    {
        get
        {
            lock (_gate)
            {
                return [.. _cleared];
            }
        }
    }

    internal int AddCallerFrame() => Interlocked.Increment(ref _callerFrames);

    internal int AddPlayed(FramePlayed played)
    {
        lock (_gate)
        {
            _played.Add(played);
            return _played.Count;
        }
    }

    internal void AddCleared(QueueCleared cleared)
    {
        lock (_gate)
        {
            _cleared.Add(cleared);
        }
    }

    internal void HungUp(int cause) => HungUpCause = cause;

    internal void EndCleanly() => EndedCleanly = true;
}
