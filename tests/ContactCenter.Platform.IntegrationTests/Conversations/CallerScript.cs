using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.Platform.IntegrationTests.Conversations;

/// <summary>
/// A caller recording built for one conversation: utterances (flite, a male voice so it is never mistaken for the
/// bot's slt) placed at offsets worked out from how long the bot's prompts are, with silence between.
/// baresip plays it from the moment the call is answered and hangs up when it ends.
/// </summary>
public sealed class CallerScript
{
    public const int SampleRate = 8000;

    private readonly List<short> _samples = [];
    private readonly List<ScriptedUtterance> _utterances = [];

    public IReadOnlyList<ScriptedUtterance> Utterances => _utterances;

    public TimeSpan Length => Seconds(_samples.Count);

    /// <summary>Says <paramref name="text"/> starting at <paramref name="at"/> (from the call's answer).</summary>
    public ScriptedUtterance Say(FliteSynthesizer voice, string text, TimeSpan at)
    {
        var start = (int)(at.TotalSeconds * SampleRate);
        if (start < _samples.Count)
        {
            throw new InvalidOperationException($"'{text}' at {at} overlaps the previous utterance, which ends at {Length}");
        }

        _samples.AddRange(new short[start - _samples.Count]);
        var speech = TrimSilence(voice.Synthesize(text).Samples);
        _samples.AddRange(speech);
        var utterance = new ScriptedUtterance(text, at, Seconds(speech.Length));
        _utterances.Add(utterance);
        return utterance;
    }

    public void PadTo(TimeSpan length) => _samples.AddRange(new short[Math.Max(0, (int)(length.TotalSeconds * SampleRate) - _samples.Count)]);

    public short[] ToArray() => [.. _samples];

    /// <summary>flite pads its speech with ~200 ms of silence each side; the script's offsets are where speech is.</summary>
    private static short[] TrimSilence(short[] speech)
    {
        const int Threshold = 330; // about -40 dBFS
        var first = Array.FindIndex(speech, sample => Math.Abs((int)sample) > Threshold);
        var last = Array.FindLastIndex(speech, sample => Math.Abs((int)sample) > Threshold);
        return first < 0 ? [] : speech[first..(last + 1)];
    }

    private static TimeSpan Seconds(int samples) => TimeSpan.FromSeconds((double)samples / SampleRate);
}
