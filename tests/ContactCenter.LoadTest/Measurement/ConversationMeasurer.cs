using ContactCenter.LoadTest.Scenarios;

namespace ContactCenter.LoadTest.Measurement;

/// <summary>
/// Judges a call from the caller's scripted turns (known exactly: the tool played them) and the bot's talk spurts
/// (detected from the audio that arrived), the way the caller experienced it rather than the way the platform logged it.
/// </summary>
public static class ConversationMeasurer
{
    /// <param name="callerTurns">The caller's turns in call time, in order.</param>
    /// <param name="botSpurts">The bot's talk spurts in call time, in order (from <see cref="SpeechDetector"/>).</param>
    /// <param name="callEnd">When the call ended: a wait still open then ends there.</param>
    /// <param name="options">The limits; the defaults when null.</param>
    public static ConversationMeasurement Measure(
        IReadOnlyList<CallerTurn> callerTurns, IReadOnlyList<TalkSpurt> botSpurts, TimeSpan callEnd, MeasurementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callerTurns);
        ArgumentNullException.ThrowIfNull(botSpurts);
        options ??= new MeasurementOptions();
        var turns = new List<TurnMeasurement>(callerTurns.Count);
        var deadAir = new List<DeadAir>();
        for (var index = 0; index < callerTurns.Count; index++)
        {
            var turn = callerTurns[index];
            turns.Add(new TurnMeasurement(turn)
            {
                ResponseLatency = turn.ExpectsAnswer ? ResponseLatency(turn, botSpurts, options) : null,
                BargeInStopLatency = turn.Kind == UtteranceKind.Interruption ? BargeInStopLatency(turn, botSpurts) : null,
                TalkedThrough = turn.Kind == UtteranceKind.Backchannel ? TalkedThrough(turn, botSpurts, options) : null,
            });

            if (turn.ExpectsAnswer)
            {
                var waitEnds = index + 1 < callerTurns.Count ? Min(callerTurns[index + 1].Start, callEnd) : callEnd;
                if (SilentWait(turn, botSpurts, waitEnds) is { } wait && wait.Duration > options.DeadAirThreshold)
                {
                    deadAir.Add(new DeadAir(index, wait.Start, wait.Duration));
                }
            }
        }

        return new ConversationMeasurement(turns, deadAir);
    }

    private static TimeSpan? ResponseLatency(CallerTurn turn, IReadOnlyList<TalkSpurt> bot, MeasurementOptions options) =>
        FirstStartingAtOrAfter(bot, turn.End) is { } answer && answer.Start - turn.End <= options.WaitForBot
            ? answer.Start - turn.End
            : null;

    private static TimeSpan? BargeInStopLatency(CallerTurn turn, IReadOnlyList<TalkSpurt> bot) =>
        PlayingAt(bot, turn.Start) is { } talking ? talking.End - turn.Start : null;

    private static bool? TalkedThrough(CallerTurn turn, IReadOnlyList<TalkSpurt> bot, MeasurementOptions options)
    {
        // The bot's speech as a listener hears it: spurts split only by sentence-break pauses are one stretch.
        var stretches = Merge(bot, options.BackchannelMaxBotPause);
        return PlayingAt(stretches, turn.Start) is { } talking ? talking.End >= turn.End + options.BackchannelTalkOn : null;
    }

    /// <summary>
    /// The bot's silence while the caller waits after <paramref name="turn"/>: from the later of the turn's end and the
    /// end of bot speech running over it, to the bot's next spurt, or <paramref name="waitEnds"/> (the caller spoke again
    /// or hung up) if that comes first.
    /// </summary>
    private static TalkSpurt? SilentWait(CallerTurn turn, IReadOnlyList<TalkSpurt> bot, TimeSpan waitEnds)
    {
        var silenceStarts = PlayingAt(bot, turn.End) is { } overrunning ? overrunning.End : turn.End;
        var silenceEnds = FirstStartingAtOrAfter(bot, silenceStarts) is { } next ? Min(next.Start, waitEnds) : waitEnds;
        return silenceEnds > silenceStarts ? new TalkSpurt(silenceStarts, silenceEnds) : null;
    }

    private static TalkSpurt? PlayingAt(IReadOnlyList<TalkSpurt> spurts, TimeSpan time)
    {
        foreach (var spurt in spurts)
        {
            if (spurt.Contains(time))
            {
                return spurt;
            }
        }

        return null;
    }

    private static TalkSpurt? FirstStartingAtOrAfter(IReadOnlyList<TalkSpurt> spurts, TimeSpan time)
    {
        foreach (var spurt in spurts)
        {
            if (spurt.Start >= time)
            {
                return spurt;
            }
        }

        return null;
    }

    private static List<TalkSpurt> Merge(IReadOnlyList<TalkSpurt> spurts, TimeSpan maxPause)
    {
        var merged = new List<TalkSpurt>(spurts.Count);
        foreach (var spurt in spurts)
        {
            if (merged.Count > 0 && spurt.Start - merged[^1].End <= maxPause)
            {
                merged[^1] = merged[^1] with { End = spurt.End };
            }
            else
            {
                merged.Add(spurt);
            }
        }

        return merged;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
