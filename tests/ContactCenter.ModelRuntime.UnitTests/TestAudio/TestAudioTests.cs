namespace ContactCenter.ModelRuntime.UnitTests;

public sealed class TestAudioTests
{
    [Fact]
    public void Asterisk_prompts_are_read_at_8_kHz()
    {
        short[] thanks = TestAudio.AsteriskSound("auth-thankyou");
        short[] five = TestAudio.AsteriskSound("digits/5.wav");

        Assert.InRange(thanks.Length, 4000, 16000);
        Assert.NotEmpty(five);
        Assert.True(TestAudio.RmsDbfs(thanks) > -40);
    }

    [Fact]
    public void Sox_noise_is_repeatable_and_at_the_asked_level()
    {
        short[] first = TestAudio.Noise(500, "whitenoise", 0.1);
        short[] second = TestAudio.Noise(500, "whitenoise", 0.1);
        short[] pink = TestAudio.Noise(500, "pinknoise", 0.1);

        Assert.Equal(4000, first.Length);
        Assert.Equal(first, second);
        Assert.NotEqual(first, pink);
        Assert.True(first.Max(s => Math.Abs((int)s)) <= 3277, "vol 0.1 caps the amplitude at a tenth of full scale");
        Assert.InRange(TestAudio.RmsDbfs(first), -35, -20);
    }

    [Fact]
    public void Seeded_noise_has_the_asked_rms()
    {
        short[] noise = TestAudio.SeededNoise(1000, -30, seed: 1);

        Assert.Equal(noise, TestAudio.SeededNoise(1000, -30, seed: 1));
        Assert.InRange(TestAudio.RmsDbfs(noise), -30.5, -29.5);
    }

    [Fact]
    public void Mixing_adds_the_overlay_at_its_offset_and_gain()
    {
        short[] baseAudio = [100, 100, 100, 100];
        short[] overlay = [1000, 1000, 1000];

        short[] mixed = TestAudio.MixAt(baseAudio, overlay, offsetSamples: 2, gainDb: -20);

        Assert.Equal([100, 100, 200, 200, 100], mixed);
        Assert.Equal([short.MaxValue], TestAudio.MixAt([short.MaxValue], [1000], 0));
    }

    [Fact]
    public void Silence_concatenation_and_frames_have_the_right_lengths()
    {
        short[] audio = TestAudio.Concat(TestAudio.Silence(20), [1, 2, 3], TestAudio.Silence(10));

        Assert.Equal(160 + 3 + 80, audio.Length);
        Assert.Equal(1, audio[160]);
        short[][] frames = [.. TestAudio.Frames(audio)];
        Assert.Equal(2, frames.Length);
        Assert.All(frames, f => Assert.Equal(TestAudio.FrameSamples, f.Length));
        Assert.Equal(3, frames[1][2]);
    }

    [Fact]
    public void Speech_is_cached_per_voice_and_text_but_handed_out_as_copies()
    {
        short[] first = TestAudio.Speak("hello there", "slt");
        first[0] = 12345;

        short[] second = TestAudio.Speak("hello there", "slt");

        Assert.NotEqual(12345, second[0]);
        Assert.Same(TestAudio.SpeakWithTimings("hello there", "slt"), TestAudio.SpeakWithTimings("hello there", "slt"));
    }
}
