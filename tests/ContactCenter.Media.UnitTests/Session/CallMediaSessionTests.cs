using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Playout;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.UnitTests.Session;

/// <summary>
/// Two call sessions talking over 127.0.0.1. Ticks are driven by hand (a scheduler whose clock
/// never sleeps) and the fake time moves 20 ms per tick, so the tests check behaviour, never
/// real-time precision; after each tick they wait until the datagrams have been delivered.
/// </summary>
public sealed class CallMediaSessionTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _scheduler = MediaTestKit.ManualScheduler();
    private readonly RtpPortAllocator _ports = MediaTestKit.Ports();
    private readonly List<CallMediaSession> _sessions = [];

    private CallMediaSession Create(TimeSpan? timeout = null)
    {
        var session = new CallMediaSession(
            new CallMediaOptions { LocalAddress = IPAddress.Loopback, RtpTimeout = timeout ?? TimeSpan.FromSeconds(30) },
            _ports,
            _scheduler,
            _time,
            NullLogger.Instance);
        _sessions.Add(session);
        return session;
    }

    private (CallMediaSession A, CallMediaSession B) Pair(string codec = "PCMU", int pt = 0)
    {
        CallMediaSession a = Create();
        CallMediaSession b = Create();
        a.Start(MediaTestKit.To(b.LocalRtpEndPoint, codec: codec, payloadType: pt));
        b.Start(MediaTestKit.To(a.LocalRtpEndPoint, codec: codec, payloadType: pt));
        return (a, b);
    }

    /// <summary>Runs ticks; after each, waits until every listed session has received what was sent to it.</summary>
    private void Tick(int count, params CallMediaSession[] receivers)
    {
        for (int i = 0; i < count; i++)
        {
            long[] before = [.. receivers.Select(r => r.Statistics.PacketsReceived)];
            _time.Advance(TimeSpan.FromMilliseconds(20));
            _scheduler.RunTick();
            for (int r = 0; r < receivers.Length; r++)
            {
                CallMediaSession receiver = receivers[r];
                long expected = before[r] + 1;
                // Sessions read RTP on their own tick (RtpSessionOptions.PolledReceive); drain here as the next tick would.
                MediaTestKit.WaitUntil(() =>
                {
                    receiver.Rtp.DrainReceived();
                    return receiver.Statistics.PacketsReceived >= expected;
                }, 1000);
            }
        }
    }

    private static List<AudioFrame> Drain(CallMediaSession session)
    {
        var frames = new List<AudioFrame>();
        while (session.Received.TryRead(out AudioFrame? frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static AudioFrame ToneFrame(double frequency, int index) =>
        new(Signal.Tone(frequency, 8000, 160, 8000, startSample: index * 160));

    private static bool HasTone(AudioFrame frame, double frequency) =>
        Signal.GoertzelAmplitude(frame.Samples, frequency, 8000) > 4000;

    [Theory]
    [InlineData("PCMU", 0)]
    [InlineData("PCMA", 8)]
    [InlineData("G722", 9)]
    public void Two_sessions_exchange_audio_frames_one_per_tick(string codec, int pt)
    {
        (CallMediaSession a, CallMediaSession b) = Pair(codec, pt);
        for (int i = 0; i < 10; i++)
        {
            a.Enqueue(ToneFrame(1000, i));
            b.Enqueue(ToneFrame(600, i));
        }

        Assert.Equal(10, a.QueuedFrames);
        Tick(20, a, b);

        List<AudioFrame> atB = Drain(b);
        List<AudioFrame> atA = Drain(a);
        Assert.Equal(20, atB.Count); // one frame per tick, whatever arrived
        Assert.Equal(20, atA.Count);
        // 10 tone frames went out. Whether a packet sent in a tick reaches the peer before the
        // peer reads its jitter buffer in that same tick is a race, so one frame may be a
        // concealment (a faded repeat of the tone) while the buffer waits for a late packet.
        Assert.InRange(atB.Count(f => HasTone(f, 1000)), 9, 12);
        Assert.InRange(atA.Count(f => HasTone(f, 600)), 9, 12);
        Assert.DoesNotContain(atB, f => HasTone(f, 600));
        Assert.Equal(0, a.QueuedFrames);

        RtpStreamStatistics stats = b.Statistics;
        Assert.Equal(codec, stats.Codec);
        Assert.Equal(20, stats.PacketsSent); // silence is sent once the queue is empty
        Assert.Equal(20, stats.PacketsReceived);
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public void Latches_to_where_the_peer_really_sends_from()
    {
        using var decoy = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        decoy.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        CallMediaSession a = Create();
        CallMediaSession b = Create();
        // A is told the peer is at the decoy's port X; B really sends from its own port Y.
        a.Start(MediaTestKit.To((IPEndPoint)decoy.LocalEndPoint!));
        b.Start(MediaTestKit.To(a.LocalRtpEndPoint));

        Tick(1, a);
        Assert.True(decoy.Poll(1_000_000, SelectMode.SelectRead)); // A's first packet went to X
        Assert.True(a.Rtp.IsLatched);
        Assert.Equal(b.LocalRtpEndPoint, a.Rtp.RemoteRtpEndPoint);

        for (int i = 0; i < 5; i++)
        {
            a.Enqueue(ToneFrame(1000, i));
        }

        Tick(8, a, b);
        Assert.Contains(Drain(b), f => HasTone(f, 1000));
        Assert.Equal(8, b.Statistics.PacketsReceived);
    }

    [Fact]
    public void ClearQueued_drops_everything_not_yet_sent()
    {
        (CallMediaSession a, CallMediaSession b) = Pair();
        for (int i = 0; i < 50; i++)
        {
            a.Enqueue(ToneFrame(1000, i));
        }

        Tick(5, a, b);
        Assert.Equal(45, a.QueuedFrames);

        int dropped = a.ClearQueued();

        Assert.Equal(45, dropped);
        Assert.Equal(0, a.QueuedFrames);
        Drain(b);
        Tick(10, a, b);
        List<AudioFrame> after = Drain(b);
        // Only what was already in flight or buffered plays; the rest of the prompt never does.
        Assert.True(after.Count(f => HasTone(f, 1000)) <= 2, $"{after.Count(f => HasTone(f, 1000))} tone frames after barge-in");
        Assert.True(after[^1].Rms() < 50);
    }

    [Fact]
    public void A_marked_frame_is_reported_on_the_tick_that_sends_it_with_that_ticks_time()
    {
        (CallMediaSession a, CallMediaSession b) = Pair();
        var played = new List<(uint Mark, DateTimeOffset At)>();
        a.MarkPlayed += (mark, at) => played.Add((mark, at));
        a.Enqueue(ToneFrame(1000, 0));
        a.Enqueue(ToneFrame(1000, 1), mark: 7);
        a.Enqueue(ToneFrame(1000, 2));
        a.Enqueue(ToneFrame(1000, 3), mark: 8);

        Tick(1, b);
        Assert.Empty(played); // the first frame carries no mark

        Tick(1, b);
        DateTimeOffset secondTick = _time.GetUtcNow();
        Assert.Equal([(7u, secondTick)], played);

        Tick(3, b);
        Assert.Equal([7u, 8u], played.Select(p => p.Mark));
        Assert.Equal(secondTick + TimeSpan.FromMilliseconds(40), played[1].At); // two ticks later
    }

    [Fact]
    public void Cleared_frames_are_counted_and_their_marks_never_reported()
    {
        (CallMediaSession a, CallMediaSession b) = Pair();
        var played = new List<uint>();
        a.MarkPlayed += (mark, _) => played.Add(mark);
        for (uint i = 1; i <= 30; i++)
        {
            a.Enqueue(ToneFrame(1000, (int)i), mark: i);
        }

        Tick(4, b);
        int dropped = a.ClearQueued();
        Tick(4, b);

        Assert.Equal([1u, 2u, 3u, 4u], played);
        Assert.Equal(26, dropped); // what was played plus what was dropped is everything queued
        Assert.Equal(0, a.ClearQueued()); // nothing left to drop
    }

    [Fact]
    public void Marks_still_pass_while_on_hold_because_the_bots_audio_runs_in_real_time()
    {
        (CallMediaSession a, CallMediaSession b) = Pair();
        var played = new List<uint>();
        a.MarkPlayed += (mark, _) => played.Add(mark);
        a.Update(MediaTestKit.To(b.LocalRtpEndPoint, MediaDirection.Inactive));
        a.Enqueue(ToneFrame(1000, 0), mark: 1);
        a.Enqueue(ToneFrame(1000, 1), mark: 2);

        _time.Advance(TimeSpan.FromMilliseconds(20));
        _scheduler.RunTick();

        Assert.Equal([1u], played);
        Assert.Equal(1, a.QueuedFrames);
    }

    [Fact]
    public async Task SendDtmf_is_received_once_by_the_peer()
    {
        (CallMediaSession a, CallMediaSession b) = Pair();
        var digits = new List<char>();
        b.DtmfReceived += d => { lock (digits) { digits.Add(d); } };

        Task five = a.SendDtmfAsync('5', TimeSpan.FromMilliseconds(100)).AsTask();
        Task hash = a.SendDtmfAsync('#', TimeSpan.FromMilliseconds(60)).AsTask();
        Assert.False(five.IsCompleted);

        Tick(6, b);
        Assert.False(five.IsCompleted); // 4 updates and 2 of the 3 end packets so far
        Tick(1, b);
        await five.WaitAsync(TimeSpan.FromSeconds(2));
        Tick(5, b);
        await hash.WaitAsync(TimeSpan.FromSeconds(2));
        Tick(2, b);

        lock (digits)
        {
            Assert.Equal("5#", new string([.. digits]));
        }

        Assert.Equal(2, b.Statistics.DtmfDigitsReceived);
    }

    [Fact]
    public void Dtmf_without_telephone_event_completes_without_sending()
    {
        CallMediaSession a = Create();
        CallMediaSession b = Create();
        a.Start(MediaTestKit.To(b.LocalRtpEndPoint, telephoneEvent: null));
        Assert.True(a.SendDtmfAsync('1', TimeSpan.FromMilliseconds(100)).AsTask().IsCompleted);
        // Thrown synchronously, before any task exists.
        Assert.Throws<ArgumentException>(() => { _ = a.SendDtmfAsync('x', TimeSpan.FromMilliseconds(100)).AsTask(); });
    }

    [Fact]
    public void Info_digits_raise_the_same_event()
    {
        CallMediaSession a = Create();
        var digits = new List<char>();
        a.DtmfReceived += digits.Add;
        a.ReportDtmf('9');
        Assert.Equal(['9'], digits);
    }

    [Fact]
    public void Inactivity_timeout_fires_without_rtp_but_not_while_on_hold()
    {
        CallMediaSession silent = Create(TimeSpan.FromSeconds(2));
        CallMediaSession held = Create(TimeSpan.FromSeconds(2));
        using var nowhere = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        nowhere.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peer = (IPEndPoint)nowhere.LocalEndPoint!;
        int silentFired = 0;
        int heldFired = 0;
        silent.InactivityTimeout += () => silentFired++;
        held.InactivityTimeout += () => heldFired++;
        silent.Start(MediaTestKit.To(peer));
        held.Start(MediaTestKit.To(peer, MediaDirection.RecvOnly));

        _time.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(1, silentFired);
        Assert.Equal(0, heldFired);

        held.Update(MediaTestKit.To(peer));
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, heldFired);
    }

    [Fact]
    public void Hold_stops_sending_and_resume_starts_again()
    {
        (CallMediaSession a, CallMediaSession b) = Pair();
        Tick(3, b);
        Assert.Equal(3, b.Statistics.PacketsReceived);

        a.Update(MediaTestKit.To(b.LocalRtpEndPoint, MediaDirection.Inactive));
        a.Enqueue(ToneFrame(1000, 0));
        for (int i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            _scheduler.RunTick();
        }

        Thread.Sleep(100);
        Assert.Equal(3, b.Statistics.PacketsReceived);
        Assert.Equal(0, a.QueuedFrames); // held audio still runs out in real time
        Assert.Equal(8, Drain(a).Count); // and the caller side still gets a frame per tick

        a.Update(MediaTestKit.To(b.LocalRtpEndPoint));
        Tick(2, b);
        Assert.Equal(5, b.Statistics.PacketsReceived);
    }

    [Fact]
    public async Task Dispose_completes_the_frame_stream_and_gives_the_ports_back()
    {
        CallMediaSession a = Create();
        int port = a.LocalRtpEndPoint.Port;
        a.Start(MediaTestKit.To(new IPEndPoint(IPAddress.Loopback, 9)));
        Assert.Equal(1, _scheduler.TargetCount);

        await a.DisposeAsync();

        Assert.False(_ports.IsAllocated(port));
        Assert.Equal(0, _scheduler.TargetCount);
        Assert.True(a.Received.Completion.IsCompleted);
        a.OnTick(1); // a tick already under way when the call ended is harmless
    }

    public async ValueTask DisposeAsync()
    {
        foreach (CallMediaSession session in _sessions)
        {
            await session.DisposeAsync();
        }

        _scheduler.Dispose();
    }
}
