using ContactCenter.LoadTest.Measurement;
using ContactCenter.LoadTest.UnitTests.Synthetic;
using ContactCenter.Media.Codecs;
using static ContactCenter.LoadTest.UnitTests.Synthetic.SyntheticStream;

namespace ContactCenter.LoadTest.UnitTests.Measurement;

public sealed class SpeechDetectorTests
{
    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(1.013, 2.507)]
    [InlineData(0.999, 1.111)]
    public void A_tone_is_one_spurt_with_its_edges_placed_within_a_few_milliseconds(double start, double end)
    {
        var spurt = Assert.Single(SpeechDetector.Detect(Tones(Seconds(3), (start, end))));

        Tolerance.Near(start, spurt.Start, milliseconds: 5);
        Tolerance.Near(end, spurt.End, milliseconds: 5);
    }

    [Fact]
    public void Gaps_of_120_ms_between_words_do_not_split_a_spurt()
    {
        var pcm = Tones(Seconds(3), (0.5, 0.9), (1.02, 1.4), (1.52, 2.0));

        var spurt = Assert.Single(SpeechDetector.Detect(pcm));

        Tolerance.Near(0.5, spurt.Start);
        Tolerance.Near(2.0, spurt.End);
    }

    [Fact]
    public void A_pause_longer_than_the_hangover_ends_the_spurt_at_its_last_speech()
    {
        var spurts = SpeechDetector.Detect(Tones(Seconds(3), (0.5, 1.0), (1.3, 2.0)));

        Assert.Equal(2, spurts.Count);
        Tolerance.Near(1.0, spurts[0].End);
        Tolerance.Near(1.3, spurts[1].Start);
    }

    [Fact]
    public void A_5_ms_click_is_not_a_spurt()
    {
        var pcm = Tones(Seconds(3), (2.0, 2.5));
        Click(pcm, 0.7, 5);

        var spurt = Assert.Single(SpeechDetector.Detect(pcm));

        Tolerance.Near(2.0, spurt.Start);
    }

    [Fact]
    public void The_noise_floor_alone_has_no_spurts()
    {
        Assert.Empty(SpeechDetector.Detect(Tones(Seconds(5))));
    }

    [Fact]
    public void Jittered_arrival_times_move_the_edges_by_no_more_than_the_jitter()
    {
        var pcm = Tones(Seconds(4), (1.0, 1.6), (1.72, 2.3));
        var random = new Random(7);
        var detector = new SpeechDetector();

        // Each packet arrives up to 15 ms late: later ones may overtake the spacing, never the order.
        foreach (var (time, frame) in Frames(pcm, index => Regular(index) + TimeSpan.FromMilliseconds(random.Next(0, 16))).OrderBy(f => f.Time))
        {
            detector.Add(time, frame);
        }

        var spurt = Assert.Single(detector.Finish());
        Tolerance.Near(1.0, spurt.Start);
        Tolerance.Near(2.3, spurt.End);
    }

    [Fact]
    public void A_lost_packet_inside_speech_does_not_split_the_spurt_and_a_lost_stretch_does()
    {
        var pcm = Tones(Seconds(4), (0.5, 3.0));
        var detector = new SpeechDetector();
        var lost = new HashSet<int> { 50, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114 };

        foreach (var (time, frame) in Frames(pcm, Regular).Where((_, index) => !lost.Contains(index)))
        {
            detector.Add(time, frame);
        }

        var spurts = detector.Finish();
        Assert.Equal(2, spurts.Count);
        Tolerance.Near(0.5, spurts[0].Start);
        Tolerance.Near(2.0, spurts[0].End);
        Tolerance.Near(2.3, spurts[1].Start);
    }

    [Fact]
    public void Mu_law_round_trip_gives_the_same_spurts_within_20_ms()
    {
        var pcm = Tones(Seconds(5), (0.4, 1.1), (1.25, 1.9), (2.6, 4.2));
        Click(pcm, 2.3, 5);
        var detector = new SpeechDetector();
        var payload = new byte[FrameSamples];

        foreach (var (time, frame) in Frames(pcm, Regular))
        {
            var length = PcmuCodec.Instance.Encode(frame, payload);
            detector.Add(time, payload.AsSpan(0, length), PcmuCodec.Instance);
        }

        var decoded = detector.Finish();
        var linear = SpeechDetector.Detect(pcm);
        Assert.Equal(2, linear.Count);
        Assert.Equal(linear.Count, decoded.Count);
        foreach (var (expected, actual) in linear.Zip(decoded))
        {
            Tolerance.Near(expected.Start.TotalSeconds, actual.Start);
            Tolerance.Near(expected.End.TotalSeconds, actual.End);
        }
    }

    [Fact]
    public void The_spurt_under_way_is_reported_before_the_hangover_closes_it()
    {
        var pcm = Tones(Seconds(2), (0.5, 1.0));
        var detector = new SpeechDetector();

        foreach (var (time, frame) in Frames(pcm, Regular).Where(f => f.Time < Seconds(1.1)))
        {
            detector.Add(time, frame);
        }

        Assert.Empty(detector.Spurts);
        var underWay = Assert.NotNull(detector.SpurtUnderWay);
        Tolerance.Near(0.5, underWay.Start);
    }

    [Fact]
    public void Frames_out_of_time_order_are_refused()
    {
        var detector = new SpeechDetector();
        detector.Add(Seconds(1), new short[FrameSamples]);

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Add(Seconds(0.98), new short[FrameSamples]));
    }

    [Fact]
    public void A_quieter_threshold_hears_quieter_speech()
    {
        // The tones sit near -23 dBFS: a -20 dBFS threshold treats them as silence.
        var pcm = Tones(Seconds(2), (0.5, 1.5));

        Assert.Empty(SpeechDetector.Detect(pcm, new SpeechDetectorOptions { ThresholdDbfs = -20 }));
        Assert.Single(SpeechDetector.Detect(pcm, new SpeechDetectorOptions { ThresholdDbfs = -30 }));
    }
}
