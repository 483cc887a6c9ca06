using System.Collections.Concurrent;
using ContactCenter.Media.Codecs;

namespace ContactCenter.ModelRuntime.Speech;

/// <summary>
/// Text to speech with flite 2.2 (Debian libflite1) through P/Invoke, resampled to 8 kHz, with word end
/// times so a cut-off prompt can be reported as the words heard. Calls are serialised (flite is not re-entrant).
/// Word ends come from the utterance flite built: for each token of the text (its "Token" relation), the end
/// of the last segment of the last syllable of its last word
/// (<c>daughtern.R:SylStructure.daughtern.daughtern.R:Segment.end</c>, flite's feature-path syntax).
/// </summary>
public sealed class FliteSynthesizer
{
    /// <summary>Voices Debian ships in libflite1 (kal is an 8 kHz diphone voice, the others 16 kHz).</summary>
    public static readonly IReadOnlyList<string> Voices = ["slt", "rms", "awb", "kal", "kal16"];

    public const int SampleRate = 8000;

    // flite keeps global state (the lexicon, the voice list): one synthesis at a time in the whole process.
    private static readonly Lock Gate = new();
    // register_cmu_us_* builds a new voice each call; one per process is enough.
    private static readonly ConcurrentDictionary<string, IntPtr> Registered = new(StringComparer.Ordinal);

    private const uint RandomSeed = 1;

    private readonly IntPtr _voice;

    private FliteSynthesizer(string voice, IntPtr handle)
    {
        Voice = voice;
        _voice = handle;
    }

    /// <summary>Loads a voice ("slt", "rms", "awb", "kal"); fails with the apt-get command when libflite1 is missing.</summary>
    public static FliteSynthesizer Create(string voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (!Voices.Contains(voice, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown flite voice '{voice}'; known: {string.Join(", ", Voices)}", nameof(voice));
        }

        lock (Gate)
        {
            FliteNative.EnsureInitialised();
            return new FliteSynthesizer(voice, Registered.GetOrAdd(voice, FliteNative.RegisterVoice));
        }
    }

    public string Voice { get; }

    public SpokenText Synthesize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SpokenText(text, [], []);
        }

        short[] native;
        int rate;
        var words = new List<(string Word, double EndSeconds)>();
        lock (Gate)
        {
            // The clustergen voices (slt, rms, awb) excite unvoiced sounds with libc rand() noise; a fixed seed makes a
            // text sound the same every time it is rendered (reproducible tests, stable echo references).
            FliteNative.SeedRandom(RandomSeed);
            IntPtr utterance = FliteNative.SynthText(text, _voice);
            if (utterance == IntPtr.Zero)
            {
                throw new InvalidOperationException($"flite could not synthesise \"{text}\"");
            }

            try
            {
                (native, rate) = ReadWave(FliteNative.UttWave(utterance));
                ReadWords(utterance, words);
            }
            finally
            {
                FliteNative.DeleteUtterance(utterance);
            }
        }

        short[] samples = To8k(native, rate);
        var timings = new WordTiming[words.Count];
        int end = 0;
        for (int i = 0; i < words.Count; i++)
        {
            // A token flite speaks as nothing (a lone symbol) ends where the one before it did.
            end = Math.Clamp((int)Math.Round(words[i].EndSeconds * SampleRate), end, samples.Length);
            timings[i] = new WordTiming(words[i].Word, end);
        }

        return new SpokenText(text, samples, timings);
    }

    private static unsafe (short[] Samples, int Rate) ReadWave(IntPtr wavePointer)
    {
        if (wavePointer == IntPtr.Zero)
        {
            return ([], SampleRate);
        }

        FliteNative.Wave wave = *(FliteNative.Wave*)wavePointer;
        if (wave.NumChannels != 1)
        {
            throw new NotSupportedException($"flite produced {wave.NumChannels} channels; only mono is expected");
        }

        return (new ReadOnlySpan<short>((void*)wave.Samples, wave.NumSamples).ToArray(), wave.SampleRate);
    }

    private static void ReadWords(IntPtr utterance, List<(string, double)> words)
    {
        IntPtr tokens = FliteNative.UttRelation(utterance, "Token");
        for (IntPtr token = tokens == IntPtr.Zero ? IntPtr.Zero : FliteNative.RelationHead(tokens);
            token != IntPtr.Zero;
            token = FliteNative.ItemNext(token))
        {
            // The text's own spelling, with its punctuation: what the caller heard, not flite's expansion of it.
            string word = FliteNative.FeatureString(token, "prepunctuation") + FliteNative.FeatureString(token, "name")
                + FliteNative.FeatureString(token, "punc");
            float end = FliteNative.FeatureFloat(token, "daughtern.R:SylStructure.daughtern.daughtern.R:Segment.end");
            if (word.Length > 0)
            {
                words.Add((word, end));
            }
        }
    }

    private static short[] To8k(short[] samples, int rate)
    {
        switch (rate)
        {
            case SampleRate:
                return samples;
            case 2 * SampleRate:
            {
                // The half-band filter delays by 12 output samples: feed 24 more input samples (silence) to
                // flush it and drop the first 12 outputs, so word times stay aligned with the audio.
                const int delay = 12;
                int outputs = (samples.Length + 1) / 2;
                var input = new short[(2 * outputs) + (2 * delay)];
                samples.CopyTo(input, 0);
                var output = new short[outputs + delay];
                new Resampler().Downsample(input, output);
                return output.AsSpan(delay).ToArray();
            }

            default:
                throw new NotSupportedException($"flite produced {rate} Hz audio; 8 and 16 kHz voices are supported");
        }
    }
}
