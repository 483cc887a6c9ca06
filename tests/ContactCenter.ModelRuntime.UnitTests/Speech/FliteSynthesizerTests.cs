using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.UnitTests.Speech;

public sealed class FliteSynthesizerTests
{
    private const string Sentence = "I want to pay my bill, please.";

    [Theory]
    [InlineData("slt")]
    [InlineData("rms")]
    [InlineData("awb")]
    [InlineData("kal")]
    public void Every_voice_renders_8_kHz_speech_of_a_plausible_length(string voice)
    {
        SpokenText spoken = FliteSynthesizer.Create(voice).Synthesize(Sentence);

        Assert.Equal(voice, FliteSynthesizer.Create(voice).Voice);
        // Seven words at a conversational 2-4 words a second, plus flite's pauses.
        Assert.InRange(spoken.Duration.TotalSeconds, 1.0, 4.0);
        Assert.True(TestAudio.RmsDbfs(spoken.Samples) > -35, $"level {TestAudio.RmsDbfs(spoken.Samples):F1} dBFS");
        Assert.Equal(Sentence, spoken.Text);
    }

    [Theory]
    [InlineData("rms")]
    [InlineData("kal")]
    public void Word_ends_increase_and_fall_within_the_audio(string voice)
    {
        SpokenText spoken = FliteSynthesizer.Create(voice).Synthesize(Sentence);

        Assert.Equal(["I", "want", "to", "pay", "my", "bill,", "please."], spoken.Words.Select(w => w.Word));
        for (int i = 1; i < spoken.Words.Count; i++)
        {
            Assert.True(spoken.Words[i].EndSample > spoken.Words[i - 1].EndSample, $"{spoken.Words[i]} after {spoken.Words[i - 1]}");
        }

        Assert.InRange(spoken.Words[0].EndSample, 1, spoken.Samples.Length);
        Assert.InRange(spoken.Words[^1].EndSample, spoken.Samples.Length / 2, spoken.Samples.Length);
    }

    [Fact]
    public void Word_ends_sit_where_the_audio_goes_quiet()
    {
        // Real timings, not a proportional guess: after the last word only flite's closing pause remains, and
        // the pause flite puts at the comma falls right after "bill,".
        SpokenText spoken = FliteSynthesizer.Create("rms").Synthesize(Sentence);
        int last = spoken.Words[^1].EndSample;
        int bill = spoken.Words[5].EndSample;

        Assert.True(TestAudio.RmsDbfs(spoken.Samples.AsSpan(last)) < -45, $"after the last word {TestAudio.RmsDbfs(spoken.Samples.AsSpan(last)):F1} dBFS");
        Assert.True(TestAudio.RmsDbfs(spoken.Samples.AsSpan(bill, 400)) < -40, $"after \"bill,\" {TestAudio.RmsDbfs(spoken.Samples.AsSpan(bill, 400)):F1} dBFS");
        Assert.True(TestAudio.RmsDbfs(spoken.Samples.AsSpan(bill - 800, 800)) > -35, "\"bill\" itself is loud");
    }

    [Fact]
    public void Tokens_keep_their_written_form_and_end_where_their_spoken_expansion_does()
    {
        SpokenText spoken = FliteSynthesizer.Create("slt").Synthesize("That is $25 today.");

        Assert.Equal(["That", "is", "$25", "today."], spoken.Words.Select(w => w.Word));
        // "$25" is spoken as "twenty five dollars": it takes longer than "is".
        int isLength = spoken.Words[1].EndSample - spoken.Words[0].EndSample;
        int amountLength = spoken.Words[2].EndSample - spoken.Words[1].EndSample;
        Assert.True(amountLength > 2 * isLength, $"\"$25\" {amountLength} samples, \"is\" {isLength}");
    }

    [Fact]
    public void Heard_up_to_half_way_is_a_proper_prefix_of_the_words()
    {
        SpokenText spoken = FliteSynthesizer.Create("rms").Synthesize(Sentence);
        string[] all = [.. spoken.Words.Select(w => w.Word)];

        string half = spoken.HeardUpTo(spoken.Samples.Length / 2);

        string[] heard = half.Split(' ');
        Assert.InRange(heard.Length, 1, all.Length - 1);
        Assert.Equal(all[..heard.Length], heard);
        Assert.Equal("", spoken.HeardUpTo(0));
        Assert.Equal(string.Join(' ', all), spoken.HeardUpTo(spoken.Samples.Length));
    }

    [Fact]
    public void Blank_text_renders_nothing()
    {
        SpokenText spoken = FliteSynthesizer.Create("slt").Synthesize("  ");

        Assert.Empty(spoken.Samples);
        Assert.Empty(spoken.Words);
        Assert.Equal("", spoken.HeardUpTo(1000));
    }

    [Fact]
    public void An_unknown_voice_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => FliteSynthesizer.Create("hal9000"));

        Assert.Contains("slt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_voice_library_names_the_package_to_install()
    {
        FliteNative.EnsureInitialised();

        var error = Assert.Throws<DllNotFoundException>(() => FliteNative.RegisterVoice("not_installed"));

        Assert.Contains("apt-get install libflite1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_synthesis_is_serialised_and_renders_a_text_the_same_every_time()
    {
        FliteSynthesizer slt = FliteSynthesizer.Create("slt");
        FliteSynthesizer rms = FliteSynthesizer.Create("rms");
        short[] expected = slt.Synthesize("Your call is important to us.").Samples;
        var results = new SpokenText[6];
        using var start = new Barrier(results.Length);

        Thread[] threads = [.. Enumerable.Range(0, results.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            // Two voices interleaved: flite's global state must not leak from one rendering into another.
            results[i] = (i % 2 == 0 ? slt : rms).Synthesize("Your call is important to us.");
        }))];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.Equal(expected, r.Samples));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.Equal(results[1].Samples, r.Samples));
        Assert.NotEqual(expected, results[1].Samples);
    }
}
