using ContactCenter.ModelRuntime.Floor;
using ContactCenter.ModelRuntime.Models;
using Xunit.Abstractions;

namespace ContactCenter.ModelRuntime.UnitTests.Models;

/// <summary>
/// Confidence and teacher-forced scores on the real model: what the floor uses to tell a misheard "mhm" from a
/// real short word (<see cref="Recognition.CouldBeBackchannel"/>).
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class MoonshineScoringTests(ModelsFixture models, ITestOutputHelper output)
{
    private static readonly double Ratio = new FloorOptions().BackchannelLikelihoodRatio;

    [Theory]
    [InlineData("Yeah.", "kal")]
    [InlineData("Got it.", "awb")]
    [InlineData("Okay.", "rms")]
    [InlineData("mm", "kal")]
    [InlineData("I want to pay my bill", "awb")]
    public void Encoding_what_moonshine_wrote_gives_back_its_own_tokens(string said, string voice)
    {
        int[] heard = models.Asr.TranscribeTokens([Prepare(TestAudio.Speak(said, voice))])[0].Tokens;
        string text = models.Vocabulary.Decode(heard);
        output.WriteLine($"{said} ({voice}): \"{text}\"");

        Assert.NotEmpty(heard);
        Assert.Equal(heard, models.Vocabulary.Encode(text));
    }

    [Fact]
    public void Every_backchannel_spelling_round_trips_through_the_vocabulary()
    {
        foreach (string spelling in BackchannelLexicon.Spellings)
        {
            Assert.Equal(spelling, models.Vocabulary.Decode(models.Vocabulary.Encode(spelling)));
        }
    }

    [Fact]
    public void Forcing_what_greedy_decoding_heard_scores_its_confidence_and_anything_else_scores_less()
    {
        float[] clip = Prepare(TestAudio.Speak("I want to pay my bill", "awb"));
        var heard = models.Asr.Recognize([clip])[0];

        double[] forced = models.Asr.Score(clip, [models.Vocabulary.Encode(heard.Text), models.Vocabulary.Encode("Mm-hmm.")]);

        output.WriteLine($"\"{heard.Text}\" confidence {heard.Confidence:F3}, forced {Math.Exp(forced[0]):F3} and {Math.Exp(forced[1]):F3}");
        Assert.InRange(heard.Confidence, 0.3, 1.0);
        Assert.Equal(heard.Confidence, Math.Exp(forced[0]), 2); // batch of two vs one: float rounding
        Assert.True(forced[1] < forced[0] - 1, "a hum scored close to a whole sentence");
    }

    [Theory]
    [InlineData("Yeah.", "rms")]
    [InlineData("Okay.", "awb")]
    public void A_backchannel_heard_as_another_word_could_still_be_a_backchannel(string said, string voice)
    {
        var (heard, couldBe) = Judge(said, voice);

        Assert.False(BackchannelLexicon.IsBackchannel(heard.Text), $"heard as \"{heard.Text}\": the lexicon already knows it");
        Assert.True(couldBe);
    }

    [Theory]
    [InlineData("Stop.", "rms")]
    [InlineData("Stop.", "kal")]
    [InlineData("Agent.", "kal")]
    [InlineData("Wait.", "awb")]
    [InlineData("No.", "rms")]
    [InlineData("What?", "kal")]
    public void A_short_interruption_could_not_be_a_backchannel(string said, string voice)
    {
        var (heard, couldBe) = Judge(said, voice);

        Assert.NotEmpty(heard.Text);
        Assert.False(BackchannelLexicon.IsBackchannel(heard.Text));
        Assert.False(couldBe);
    }

    private (Recognition Heard, bool CouldBe) Judge(string said, string voice)
    {
        // As the floor sends it: a little of the silence before the onset and after the voice.
        float[] clip = Prepare(TestAudio.Concat(TestAudio.Silence(300), TestAudio.Speak(said, voice), TestAudio.Silence(100)));
        var heard = models.Asr.Recognize([clip])[0];
        double best = models.Asr.Score(clip, [.. BackchannelLexicon.Spellings.Select(models.Vocabulary.Encode)]).Max();
        heard = heard with { BackchannelConfidence = Math.Exp(best) };
        output.WriteLine($"{said} ({voice}): \"{heard.Text}\" {heard.Confidence:F3}, best backchannel {heard.BackchannelConfidence:F3}");
        return (heard, heard.CouldBeBackchannel(Ratio));
    }

    private static float[] Prepare(short[] audio) => MoonshineAsr.PrepareTelephoneAudio(audio);
}
