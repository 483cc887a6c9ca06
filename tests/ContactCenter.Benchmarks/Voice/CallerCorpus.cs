namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The caller side of the benchmarks: flite voices other than the bot's ("rms", "awb", "kal"; the bot is "slt") and
/// recorded human speech (Debian asterisk-core-sounds-en-wav, Allison, 8 kHz). Every clip is brought to one speech
/// level, <see cref="CallerLevelDbfs"/>, about that of a caller on a telephone line, below the bot's prompts
/// (-20 dBFS): a caller much louder than the bot's echo would make the echo guard's job trivially easy.
/// </summary>
internal static class CallerCorpus
{
    /// <summary>The callers' active speech level (ITU-T P.56-style, over the frames that hold speech).</summary>
    public const double CallerLevelDbfs = -26;

    /// <summary>Frames louder than this hold speech (onset and offset of a clip).</summary>
    public const double SpeechFloorDbfs = -40;

    public static readonly string[] CallerVoices = ["rms", "awb", "kal"];

    /// <summary>A flite voice saying <paramref name="text"/>, levelled.</summary>
    public static CallerClip Flite(string text, string voice) => Clip(text, "flite " + voice, TestAudio.Speak(text, voice));

    /// <summary>A recorded human prompt (asterisk-core-sounds, Allison), levelled; <paramref name="text"/> is what she says.</summary>
    public static CallerClip Asterisk(string name, string text) => Clip(text, "asterisk " + name, TestAudio.AsteriskSound(name));

    /// <summary>Allison reading digits, each trimmed to its speech and joined by <paramref name="gapMs"/> of silence, as a caller reads a number.</summary>
    public static CallerClip AsteriskDigits(string digits, int gapMs = 150)
    {
        var parts = new List<short[]> { TestAudio.Silence(200) };
        foreach (char digit in digits)
        {
            short[] sound = TestAudio.AsteriskSound("digits/" + digit);
            int from = OnsetFrame(sound) * TestAudio.FrameSamples;
            int to = Math.Min(sound.Length, (OffsetFrame(sound) + 1) * TestAudio.FrameSamples);
            parts.Add(sound[from..to]);
            parts.Add(TestAudio.Silence(gapMs));
        }

        parts.Add(TestAudio.Silence(200));
        return Clip(string.Join(' ', digits.Select(DigitWord)), "asterisk digits", TestAudio.Concat([.. parts]));
    }

    public static int OnsetFrame(short[] audio)
    {
        for (int frame = 0; frame * TestAudio.FrameSamples < audio.Length; frame++)
        {
            if (TestAudio.RmsDbfs(FrameOf(audio, frame)) > SpeechFloorDbfs)
            {
                return frame;
            }
        }

        throw new ArgumentException("The clip is silent.", nameof(audio));
    }

    public static int OffsetFrame(short[] audio)
    {
        for (int frame = ((audio.Length + TestAudio.FrameSamples - 1) / TestAudio.FrameSamples) - 1; frame >= 0; frame--)
        {
            if (TestAudio.RmsDbfs(FrameOf(audio, frame)) > SpeechFloorDbfs)
            {
                return frame;
            }
        }

        throw new ArgumentException("The clip is silent.", nameof(audio));
    }

    private static CallerClip Clip(string text, string source, short[] audio)
    {
        double level = ActiveLevelDbfs(audio) ?? throw new ArgumentException($"\"{text}\" ({source}) is silent.", nameof(audio));
        short[] levelled = TestAudio.Scale(audio, CallerLevelDbfs - level);
        return new CallerClip(text, source, levelled, OnsetFrame(levelled), OffsetFrame(levelled));
    }

    /// <summary>RMS over the 20 ms frames that hold speech (louder than <see cref="SpeechFloorDbfs"/>), in dBFS; null when silent.</summary>
    private static double? ActiveLevelDbfs(short[] audio)
    {
        double sum = 0;
        long count = 0;
        for (int frame = 0; frame * TestAudio.FrameSamples < audio.Length; frame++)
        {
            var samples = FrameOf(audio, frame);
            if (TestAudio.RmsDbfs(samples) > SpeechFloorDbfs)
            {
                foreach (short s in samples)
                {
                    sum += (double)s * s;
                }

                count += samples.Length;
            }
        }

        return count == 0 ? null : 20 * Math.Log10(Math.Sqrt(sum / count) / 32768);
    }

    private static ReadOnlySpan<short> FrameOf(short[] audio, int frame)
    {
        int at = frame * TestAudio.FrameSamples;
        return audio.AsSpan(at, Math.Min(TestAudio.FrameSamples, audio.Length - at));
    }

    private static string DigitWord(char digit) => digit switch
    {
        '0' => "zero",
        '1' => "one",
        '2' => "two",
        '3' => "three",
        '4' => "four",
        '5' => "five",
        '6' => "six",
        '7' => "seven",
        '8' => "eight",
        '9' => "nine",
        _ => digit.ToString(),
    };
}
