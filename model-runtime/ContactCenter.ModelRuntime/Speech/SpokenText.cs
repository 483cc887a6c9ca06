namespace ContactCenter.ModelRuntime.Speech;

/// <summary>Rendered speech: 8 kHz samples and where each word ends in them.</summary>
public sealed record SpokenText(string Text, short[] Samples, IReadOnlyList<WordTiming> Words)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / 8000.0);

    /// <summary>The words whose end had been played once <paramref name="samplesPlayed"/> samples went out.</summary>
    public string HeardUpTo(int samplesPlayed)
    {
        // Word ends never decrease, so the heard words are a prefix.
        int heard = 0;
        while (heard < Words.Count && Words[heard].EndSample <= samplesPlayed)
        {
            heard++;
        }

        return string.Join(' ', Words.Take(heard).Select(w => w.Word));
    }
}
