namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// Which bot frame the gateway played while each caller frame was recorded: the echo canceller's reference. The
/// engine mirrors the gateway's playout queue (a frame leaves it per caller frame, since the gateway sends one caller
/// frame per playout tick), and re-aligns the mirror on every mark the gateway reports: the gateway sends a marked
/// frame and, in the same tick, the caller frame that follows the report on the stream (CallMediaSession.OnTick).
/// Without that, a prompt whose first frames reach the gateway a tick late would be referenced 20 ms early for its
/// whole length, and the canceller would let the bot's own voice through while it re-adapted.
/// </summary>
internal sealed class EchoReference
{
    /// <summary>Every this many frames a prompt carries a mark, so a slip is corrected within 200 ms.</summary>
    public const int AlignEveryFrames = 10;

    // Frames already played stay a while, so a report that the mirror ran ahead can step back to them.
    private const int PlayedHistory = 25;
    private const int MaxQueued = 50;

    private static readonly short[] Silence = new short[160];

    private readonly List<(short[] Samples, uint Mark)> _frames = [];
    private int _next;

    /// <summary>Frames sent that the gateway has not played yet, as far as the mirror knows.</summary>
    public int Queued => _frames.Count - _next;

    /// <summary>A frame was sent to the gateway's queue.</summary>
    public void Sent(short[] samples, uint mark)
    {
        _frames.Add((samples, mark));
        if (Queued > MaxQueued)
        {
            _next = _frames.Count - MaxQueued;
        }

        Trim();
    }

    /// <summary>The gateway played one frame (with the caller frame now being processed): what it was, or silence.</summary>
    public short[] Played() => _next < _frames.Count ? _frames[_next++].Samples : Silence;

    /// <summary>The gateway dropped its queue (barge-in): nothing sent so far will be played.</summary>
    public void Cleared() => _next = _frames.Count;

    /// <summary>The frame carrying <paramref name="mark"/> went out with the next caller frame: line the mirror up on it.</summary>
    public void MarkPlayed(uint mark)
    {
        for (int i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].Mark == mark)
            {
                _next = i;
                return;
            }
        }
    }

    private void Trim()
    {
        int stale = _next - PlayedHistory;
        if (stale > PlayedHistory)
        {
            _frames.RemoveRange(0, stale);
            _next -= stale;
        }
    }
}
