using ContactCenter.Media.Codecs;
using ContactCenter.Media.JitterBuffer;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.UnitTests.JitterBuffer;

public class AdaptiveJitterBufferTests
{
    private const uint BaseTimestamp = 4_000_000_000; // close to the 32-bit wrap on purpose
    private const ushort BaseSequence = 65530;         // so is the sequence number

    // Arrival times are in milliseconds.
    private static AdaptiveJitterBuffer Create(bool spanDsp = true) => new(PcmuCodec.Instance, timestampFrequency: 1000, useSpanDspConcealment: spanDsp);

    // Packet k carries a constant level that identifies it after decoding.
    private static short LevelOf(int k) => (short)(1000 + (300 * k));

    private static short Decoded(int k) => G711.MuLawToLinear(G711.LinearToMuLaw(LevelOf(k)));

    private static RtpPacket Constant(int k, bool marker = false)
    {
        var samples = new short[160];
        Array.Fill(samples, LevelOf(k));
        return Packet(k, samples, marker);
    }

    private static RtpPacket Tone(int k)
    {
        short[] samples = Signal.Tone(1000, 8000, 160, 8000, startSample: k * 160);
        return Packet(k, samples, false);
    }

    private static RtpPacket Packet(int k, short[] samples, bool marker, uint timestampOffset = 0)
    {
        var payload = new byte[160];
        PcmuCodec.Instance.Encode(samples, payload);
        return new RtpPacket(0, unchecked((ushort)(BaseSequence + k)), unchecked(BaseTimestamp + timestampOffset + (uint)(k * 160)), 1, payload, marker);
    }

    /// <summary>Runs one Get per 20 ms tick; before each, puts the packets that have arrived by then.</summary>
    private static List<AudioFrame?> Run(AdaptiveJitterBuffer buffer, IEnumerable<(RtpPacket Packet, int ArrivalMs)> schedule, int ticks)
    {
        var pending = schedule.OrderBy(p => p.ArrivalMs).ToList();
        var frames = new List<AudioFrame?>();
        for (int t = 0; t < ticks; t++)
        {
            int now = (t * 20) + 10;
            while (pending.Count > 0 && pending[0].ArrivalMs <= now)
            {
                buffer.Put(pending[0].Packet, pending[0].ArrivalMs);
                pending.RemoveAt(0);
            }

            frames.Add(buffer.Get());
        }

        return frames;
    }

    // Real frames end on their packet's level; concealed ones fade, and spandsp may smooth the
    // first samples of the frame after a gap, so the last sample identifies the packet.
    private static List<int> Identify(IEnumerable<AudioFrame?> frames) =>
        [.. frames.Where(f => f is not null && !f.IsSilent)
            .Select(f => Enumerable.Range(0, 40).FirstOrDefault(k => Decoded(k) == f!.Samples[^1], -1))
            .Where(k => k >= 0)];

    [Fact]
    public void Returns_null_before_the_first_packet()
    {
        using AdaptiveJitterBuffer buffer = Create();
        Assert.Null(buffer.Get());
        Assert.Null(buffer.Get());
    }

    [Fact]
    public void Reordered_packets_come_out_in_order()
    {
        using AdaptiveJitterBuffer buffer = Create();
        // Packets 2 and 1, and 6 and 5, arrive swapped, both before the first of them is due.
        int[] arrivals = [0, 28, 25, 60, 80, 99, 97, 120, 140, 160];
        var schedule = arrivals.Select((ms, k) => (Constant(k), ms));

        List<AudioFrame?> frames = Run(buffer, schedule, 10);

        Assert.Equal(Enumerable.Range(0, 10), Identify(frames));
        Assert.Equal(0, buffer.ConcealedFrames);
        Assert.Equal(0, buffer.LatePackets);
    }

    [Fact]
    public void Duplicates_are_dropped()
    {
        using AdaptiveJitterBuffer buffer = Create();
        var schedule = new[] { 0, 1, 1, 2, 2, 2, 3 }.Select((k, i) => (Constant(k), (k * 20) + i));

        List<AudioFrame?> frames = Run(buffer, schedule, 6);

        Assert.Equal([0, 1, 2, 3], Identify(frames));
        Assert.Equal(3, buffer.DuplicatePackets);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_lost_packet_is_concealed_with_lower_energy(bool spanDsp)
    {
        using AdaptiveJitterBuffer buffer = Create(spanDsp);
        Assert.Equal(spanDsp && CodecRegistry.IsAvailable("G722"), buffer.UsesSpanDspConcealment);
        var schedule = Enumerable.Range(0, 12).Where(k => k != 5).Select(k => (Tone(k), k * 20));

        List<AudioFrame?> frames = Run(buffer, schedule, 13);

        Assert.All(frames, f => Assert.NotNull(f));
        double normal = frames[3]!.Rms();
        Assert.InRange(normal, 5000, 6300); // 8000 / sqrt(2) through µ-law
        AudioFrame concealed = frames[5]!;
        Assert.InRange(concealed.Rms(), normal * 0.05, normal * 0.95);
        Assert.True(frames[6]!.Rms() <= concealed.Rms());
        Assert.Equal(1, buffer.LostPackets);
        Assert.True(buffer.ConcealedFrames >= 1);
        // Real audio resumes after the gap.
        Assert.InRange(frames[^1]!.Rms(), normal * 0.9, normal * 1.1);
    }

    [Fact]
    public void A_packet_that_turns_up_after_being_declared_lost_is_dropped_as_late()
    {
        using AdaptiveJitterBuffer buffer = Create();
        var schedule = Enumerable.Range(0, 10).Select(k => (Constant(k), k == 3 ? 500 : k * 20));

        List<AudioFrame?> frames = Run(buffer, schedule, 30);

        Assert.DoesNotContain(3, Identify(frames));
        Assert.Equal(1, buffer.LatePackets);
        Assert.Equal(1, buffer.LostPackets);
    }

    [Fact]
    public void A_packet_that_is_only_a_little_late_still_plays()
    {
        using AdaptiveJitterBuffer buffer = Create();
        // Packet 4 is 30 ms late: the buffer waits one frame for it rather than dropping it.
        var schedule = Enumerable.Range(0, 10).Select(k => (Constant(k), k == 4 ? 110 : k * 20));

        List<AudioFrame?> frames = Run(buffer, schedule, 14);

        Assert.Equal(Enumerable.Range(0, 10), Identify(frames));
        Assert.Equal(0, buffer.LostPackets);
    }

    [Fact]
    public void Target_delay_grows_with_jitter_and_shrinks_back_when_arrivals_are_steady()
    {
        using AdaptiveJitterBuffer buffer = Create();
        var random = new Random(7);
        int Arrival(int k) => k is >= 100 and < 200 ? (k * 20) + random.Next(0, 61) : k * 20;

        var steady = Run(buffer, Enumerable.Range(0, 100).Select(k => (Constant(k % 20), Arrival(k))), 100);
        Assert.Equal(20, buffer.TargetDelayMs);

        var schedule = Enumerable.Range(100, 100).Select(k => (Packet(k, Enumerable.Repeat(LevelOf(k % 20), 160).ToArray(), false), Arrival(k)));
        var pending = schedule.OrderBy(p => p.Item2).ToList();
        for (int t = 100; t < 200; t++)
        {
            while (pending.Count > 0 && pending[0].Item2 <= (t * 20) + 10)
            {
                buffer.Put(pending[0].Item1, pending[0].Item2);
                pending.RemoveAt(0);
            }

            Assert.NotNull(buffer.Get());
        }

        int jittery = buffer.TargetDelayMs;
        Assert.InRange(jittery, 60, 200);

        for (int t = 200; t < 400; t++)
        {
            if (pending.Count > 0)
            {
                foreach ((RtpPacket p, int a) in pending)
                {
                    buffer.Put(p, a);
                }

                pending.Clear();
            }

            buffer.Put(Packet(t, Enumerable.Repeat(LevelOf(t % 20), 160).ToArray(), false), t * 20);
            Assert.NotNull(buffer.Get());
        }

        Assert.Equal(20, buffer.TargetDelayMs);
        Assert.True(buffer.BufferedMs <= 60, $"buffered {buffer.BufferedMs} ms");
        Assert.NotEmpty(steady);
    }

    [Fact]
    public void Goes_quiet_after_a_long_silence_and_restarts_on_the_next_talk_spurt()
    {
        using AdaptiveJitterBuffer buffer = Create();
        var first = Enumerable.Range(0, 5).Select(k => (Constant(k), k * 20));
        List<AudioFrame?> frames = Run(buffer, first, 70);

        Assert.Equal(Enumerable.Range(0, 5), Identify(frames));
        Assert.Null(frames[^1]); // more than a second without packets

        // Silence suppression: the sender resumes 3 s later with a marker and a jumped timestamp.
        var samples = Enumerable.Repeat(LevelOf(9), 160).ToArray();
        buffer.Put(Packet(5, samples, marker: true, timestampOffset: 24000), 3000);
        AudioFrame? resumed = buffer.Get();
        Assert.NotNull(resumed);
        Assert.Equal(Decoded(9), resumed.Samples[^1]);
    }

    [Fact]
    public void Silence_suppression_gap_is_skipped_not_played_out()
    {
        using AdaptiveJitterBuffer buffer = Create();
        var talk1 = Enumerable.Range(0, 5).Select(k => (Constant(k), k * 20));
        // 400 ms of no packets (20 ticks), then a new talk spurt whose timestamps moved on too.
        var talk2 = Enumerable.Range(5, 5).Select(k => (Packet(k, Enumerable.Repeat(LevelOf(k), 160).ToArray(), k == 5, 3200), (k * 20) + 400));

        List<AudioFrame?> frames = Run(buffer, talk1.Concat(talk2), 40);

        int resumeTick = frames.FindIndex(f => f is not null && f.Samples[^1] == Decoded(5));
        // Packet 5 arrives at 500 ms (tick 25) and plays at once: the 400 ms gap is not replayed.
        Assert.Equal(25, resumeTick);
        Assert.Equal(Enumerable.Range(0, 10), Identify(frames));
    }

    [Fact]
    public void A_restarted_sequence_resynchronises_after_two_packets()
    {
        using AdaptiveJitterBuffer buffer = Create();
        Run(buffer, Enumerable.Range(0, 5).Select(k => (Constant(k), k * 20)), 5);

        // Same SSRC, but the sender restarted its numbering far away.
        var payload = new byte[160];
        PcmuCodec.Instance.Encode(Enumerable.Repeat(LevelOf(7), 160).ToArray(), payload);
        buffer.Put(new RtpPacket(0, 30000, 1000, 1, payload), 100);
        buffer.Put(new RtpPacket(0, 30001, 1160, 1, payload), 101);
        var frames = Enumerable.Range(0, 3).Select(_ => buffer.Get()).ToList();

        Assert.Contains(frames, f => f is not null && f.Samples[^1] == Decoded(7));
    }
}
