namespace ContactCenter.Benchmarks.Wire;

/// <summary>A stretch of speech in one direction of a call, in capture seconds.</summary>
internal sealed record TalkSpurt(double Start, double End)
{
    /// <summary>
    /// The spurts of one direction, found from packet levels: speech packets closer than <paramref name="bridge"/>
    /// seconds belong to one spurt (the gaps between words of one utterance).
    /// </summary>
    public static List<TalkSpurt> Find(IEnumerable<RtpLevel> levels, bool fromBot, double bridge)
    {
        var spurts = new List<TalkSpurt>();
        double? start = null, last = null;
        foreach (var level in levels.Where(l => l.FromBot == fromBot && l.IsSpeech))
        {
            if (last is not null && level.Time - last.Value > bridge)
            {
                spurts.Add(new TalkSpurt(start!.Value, last.Value));
                start = null;
            }

            start ??= level.Time;
            last = level.Time;
        }

        if (start is not null)
        {
            spurts.Add(new TalkSpurt(start.Value, last!.Value));
        }

        return spurts;
    }
}
