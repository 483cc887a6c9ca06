namespace ContactCenter.LoadTest.UnitTests.Synthetic;

/// <summary>
/// One direction of a call made of tones at known times over a faint noise floor, so the tests know exactly where
/// speech starts and ends. The floor (about -66 dBFS) keeps "silence" from being digital zero, as it never is on a line.
/// </summary>
internal static class SyntheticStream
{
    public const int SampleRate = 8000;
    public const int FrameSamples = 160;

    /// <summary>A stream <paramref name="length"/> long with a 440 Hz tone at about -23 dBFS during each span.</summary>
    public static short[] Tones(TimeSpan length, params (double Start, double End)[] spansSeconds)
    {
        var random = new Random(4);
        var pcm = new short[(int)(length.TotalSeconds * SampleRate)];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)random.Next(-32, 33);
        }

        foreach (var (start, end) in spansSeconds)
        {
            Fill(pcm, start, end, i => 3000 * Math.Sin(2 * Math.PI * 440 * i / SampleRate));
        }

        return pcm;
    }

    /// <summary>Adds a full-scale square click of <paramref name="milliseconds"/> at <paramref name="startSeconds"/>.</summary>
    public static void Click(short[] pcm, double startSeconds, double milliseconds) =>
        Fill(pcm, startSeconds, startSeconds + (milliseconds / 1000), i => i % 8 < 4 ? 30000 : -30000);

    /// <summary>The stream cut into 20 ms frames, each stamped by <paramref name="stamp"/> (frame index → time).</summary>
    public static IEnumerable<(TimeSpan Time, short[] Pcm)> Frames(short[] pcm, Func<int, TimeSpan> stamp)
    {
        for (var index = 0; index * FrameSamples < pcm.Length; index++)
        {
            yield return (stamp(index), pcm.AsSpan(index * FrameSamples, Math.Min(FrameSamples, pcm.Length - (index * FrameSamples))).ToArray());
        }
    }

    public static TimeSpan Regular(int frameIndex) => TimeSpan.FromMilliseconds(frameIndex * 20);

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    private static void Fill(short[] pcm, double startSeconds, double endSeconds, Func<int, double> wave)
    {
        var first = (int)Math.Round(startSeconds * SampleRate);
        var last = Math.Min(pcm.Length, (int)Math.Round(endSeconds * SampleRate));
        for (var i = first; i < last; i++)
        {
            pcm[i] = (short)Math.Clamp(wave(i), short.MinValue, short.MaxValue);
        }
    }
}
