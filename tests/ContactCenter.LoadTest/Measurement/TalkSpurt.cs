namespace ContactCenter.LoadTest.Measurement;

/// <summary>A stretch of speech in one direction of a call, from its first speech to its last, in call time.</summary>
public readonly record struct TalkSpurt(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Duration => End - Start;

    /// <summary>True when <paramref name="time"/> falls inside the spurt (start inclusive, end exclusive).</summary>
    public bool Contains(TimeSpan time) => time >= Start && time < End;
}
