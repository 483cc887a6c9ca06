using System.Diagnostics;
using ContactCenter.ModelRuntime.Models;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.UnitTests.Models;

[Collection(ModelsCollection.Name)]
public sealed class MoonshineAsrTests(ModelsFixture models, ITestOutputHelper output)
{
    [Theory]
    [InlineData("rms")]
    [InlineData("awb")]
    public void Flite_speech_at_8_kHz_is_transcribed(string voice)
    {
        string text = models.Transcribe(TestAudio.Speak("I want to pay my bill", voice));
        output.WriteLine($"{voice}: {text}");

        Assert.Contains("pay", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("bill", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("auth-thankyou", "thank you")]
    [InlineData("all-circuits-busy-now", "all circuits are busy now")]
    [InlineData("check-number-dial-again", "please check the number and dial again")]
    public void Recorded_prompts_are_transcribed(string prompt, string expected)
    {
        string text = models.Transcribe(TestAudio.AsteriskSound(prompt));
        output.WriteLine($"{prompt}: {text}");

        Assert.Equal(expected, Words(text));
    }

    [Fact]
    public void A_batch_of_different_clips_gives_each_clip_its_own_transcript()
    {
        short[][] clips =
        [
            TestAudio.AsteriskSound("auth-thankyou"),
            TestAudio.AsteriskSound("cannot-complete-as-dialed"),
            TestAudio.Speak("I want to pay my bill"),
        ];
        string[] alone = [.. clips.Select(models.Transcribe)];

        IReadOnlyList<string> batched = models.Asr.Transcribe([.. clips.Select(c => MoonshineAsr.PrepareTelephoneAudio(c))]);

        Assert.Equal(alone.Select(Words), batched.Select(Words));
        Assert.Equal(3, alone.Distinct().Count());
    }

    [Fact]
    public void Clips_of_the_same_length_batch_exactly()
    {
        // Same length, so no padding: the batch must reproduce each clip's transcript to the character.
        short[][] clips =
        [
            TestAudio.AsteriskSound("all-circuits-busy-now"),
            TestAudio.AsteriskSound("check-number-dial-again"),
            TestAudio.AsteriskSound("conf-getpin"),
        ];
        int length = clips.Max(c => c.Length);
        float[][] prepared = [.. clips.Select(c => MoonshineAsr.PrepareTelephoneAudio(TestAudio.Concat(c, new short[length - c.Length])))];
        string[] alone = [.. prepared.Select(p => models.Asr.Transcribe([p])[0])];

        IReadOnlyList<string> batched = models.Asr.Transcribe(prepared);

        Assert.Equal(alone, batched);
    }

    [Fact]
    public void Padding_a_short_clip_to_a_long_one_keeps_its_words()
    {
        float[] shortClip = MoonshineAsr.PrepareTelephoneAudio(TestAudio.AsteriskSound("auth-thankyou"));
        float[] longClip = MoonshineAsr.PrepareTelephoneAudio(TestAudio.AsteriskSound("cannot-complete-as-dialed"));
        string alone = models.Asr.Transcribe([shortClip])[0];

        // Force one batch: the short clip is padded with 1.7 s of silence.
        IReadOnlyList<string> padded = models.Asr.Transcribe([shortClip, longClip], paddingFraction: double.PositiveInfinity);
        output.WriteLine($"alone: {alone}; padded: {padded[0]}");

        Assert.Equal(Words(alone), Words(padded[0]));
        Assert.Equal("your call cannot be completed as dialed", Words(padded[1]));
    }

    [Theory]
    [InlineData("okay", "ok|okay")]
    [InlineData("yeah", "yeah")]
    [InlineData("right", "right")]
    [InlineData("mhm", null)]
    public void Backchannels_are_recognised_as_something(string said, string? accepted)
    {
        // flite cannot say "mhm" (rms renders something Moonshine hears as "And they chimp."): only non-empty is asked.
        string text = models.Transcribe(TestAudio.Speak(said, "rms"));
        output.WriteLine($"flite rms \"{said}\" -> \"{text}\"");

        Assert.NotEqual("", Words(text));
        if (accepted is not null)
        {
            Assert.Contains(Words(text), accepted.Split('|'));
        }
    }

    [Fact]
    public void Decoding_stops_at_the_token_budget_for_the_clip_length()
    {
        // One second cut out of a 25 s menu: mid-sentence, so the model would go on without the budget.
        short[] menu = TestAudio.AsteriskSound("basic-pbx-ivr-main");
        float[] second = MoonshineAsr.PrepareTelephoneAudio(menu.AsSpan(8000, 8000));

        int[] tokens = models.Asr.TranscribeTokens([second])[0].Tokens;

        Assert.InRange(tokens.Length, 1, MoonshineAsr.MaxTokens(second.Length));
        Assert.Equal(11, MoonshineAsr.MaxTokens(MoonshineAsr.SampleRate));
    }

    [Fact]
    public void Empty_clips_give_empty_text_without_disturbing_the_others()
    {
        float[] thanks = MoonshineAsr.PrepareTelephoneAudio(TestAudio.AsteriskSound("auth-thankyou"));

        IReadOnlyList<string> texts = models.Asr.Transcribe([[], thanks, []]);

        Assert.Equal("", texts[0]);
        Assert.Equal("thank you", Words(texts[1]));
        Assert.Equal("", texts[2]);
    }

    [Fact]
    public void A_clip_shorter_than_the_encoder_minimum_is_padded_not_refused()
    {
        // 20 ms: the encoder's convolutions need ~56 ms; the clip is padded to Moonshine's 0.1 s minimum.
        float[] tiny = MoonshineAsr.PrepareTelephoneAudio(TestAudio.AsteriskSound("auth-thankyou").AsSpan(2000, 160));

        int[] tokens = models.Asr.TranscribeTokens([tiny])[0].Tokens;

        Assert.InRange(tokens.Length, 0, MoonshineAsr.MaxTokens(tiny.Length));
    }

    [Fact]
    public void Telephone_audio_is_upsampled_in_place_and_scaled_to_unit_range()
    {
        short[] pcm = TestAudio.AsteriskSound("activated");

        float[] clip = MoonshineAsr.PrepareTelephoneAudio(pcm);

        Assert.Equal(2 * pcm.Length, clip.Length);
        // The half-band filter passes the original samples through on the even outputs; with its delay taken
        // out they line up with the input exactly.
        for (int i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(pcm[i] / 32768f, clip[2 * i], 1e-6f);
        }

        Assert.All(clip, s => Assert.InRange(s, -1f, 1f));
    }

    [Fact]
    public void Time_to_transcribe_two_seconds_is_reported()
    {
        // Measured, not asserted (CI is noisy): the figure goes into the report.
        float[] clip = MoonshineAsr.PrepareTelephoneAudio(TestAudio.AsteriskSound("basic-pbx-ivr-main").AsSpan(0, 16000));
        string text = models.Asr.Transcribe([clip])[0];
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(text, models.Asr.Transcribe([clip])[0]);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"2 s clip \"{text}\": median {times[2]:F0} ms, min {times[0]:F0} ms on {models.Options.IntraOpThreads} thread(s), GPU {models.Asr.OnGpu}");
        Assert.NotEqual("", text);
    }

    // Lower case, letters, digits and apostrophes only: punctuation and casing are not what is tested.
    private static string Words(string text) =>
        string.Join(' ', new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
