using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.UnitTests.Session;

public sealed class RtpSessionTests : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _sessions = [];
    private readonly List<Socket> _sockets = [];

    private RtpSession Session(TimeProvider? time = null, TimeSpan? timeout = null, RtpPortAllocator? ports = null)
    {
        var session = new RtpSession(
            new RtpSessionOptions { LocalAddress = IPAddress.Loopback, RtpTimeout = timeout ?? TimeSpan.FromSeconds(30) },
            ports ?? MediaTestKit.Ports(),
            time ?? TimeProvider.System,
            NullLogger.Instance);
        _sessions.Add(session);
        return session;
    }

    private Socket Udp()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sockets.Add(socket);
        return socket;
    }

    private static IPEndPoint EndPoint(Socket socket) => (IPEndPoint)socket.LocalEndPoint!;

    private static RtpPacket Receive(Socket socket)
    {
        var buffer = new byte[1500];
        int length = socket.Receive(buffer);
        Assert.True(RtpPacket.TryParse(buffer.AsMemory(0, length), out RtpPacket packet));
        return packet;
    }

    private static bool HasPending(Socket socket, int milliseconds = 300) => socket.Poll(milliseconds * 1000, SelectMode.SelectRead);

    [Fact]
    public void Binds_an_even_rtp_port_with_rtcp_on_the_next()
    {
        var ports = MediaTestKit.Ports();
        RtpSession session = Session(ports: ports);
        Assert.Equal(0, session.LocalRtpEndPoint.Port % 2);
        Assert.Equal(session.LocalRtpEndPoint.Port + 1, session.LocalRtcpEndPoint.Port);
        Assert.True(ports.IsAllocated(session.LocalRtpEndPoint.Port));
    }

    [Fact]
    public void Latches_to_the_real_source_after_the_first_valid_packet()
    {
        RtpSession session = Session();
        Socket sdpSays = Udp();   // port X from the SDP
        Socket reallyAt = Udp();  // port Y the peer actually sends from (a NAT)
        session.Start(EndPoint(sdpSays), null, MediaDirection.SendRecv, [0, 101]);

        // Before anything arrives, RTP goes to the SDP address.
        Assert.True(session.SendRtp(0, 160, true, new byte[160]));
        Assert.Equal(session.Ssrc, Receive(sdpSays).Ssrc);

        // A packet with a payload type we did not negotiate does not latch.
        reallyAt.SendTo(new RtpPacket(18, 1, 0, 0xABCD, new byte[20]).ToArray(), session.LocalRtpEndPoint);
        var received = new List<ushort>();
        session.PacketReceived += p => received.Add(p.SequenceNumber);
        reallyAt.SendTo(new RtpPacket(0, 2, 160, 0xABCD, new byte[160]).ToArray(), session.LocalRtpEndPoint);
        Assert.True(MediaTestKit.WaitUntil(() => session.IsLatched));
        Assert.Equal(EndPoint(reallyAt), session.RemoteRtpEndPoint);
        Assert.Equal(0xABCDu, session.RemoteSsrc);

        Assert.True(session.SendRtp(0, 320, false, new byte[160]));
        RtpPacket atY = Receive(reallyAt);
        Assert.Equal(320u, atY.Timestamp);
        Assert.False(HasPending(sdpSays), "nothing more may go to the SDP address once latched");

        // After latching, another source is ignored.
        Socket intruder = Udp();
        intruder.SendTo(new RtpPacket(0, 3, 320, 0xABCD, new byte[160]).ToArray(), session.LocalRtpEndPoint);
        Assert.True(MediaTestKit.WaitUntil(() => session.GetStatistics().PacketsRejected >= 2));
        Assert.Equal([(ushort)2], received);
        Assert.Equal(1, session.GetStatistics().PacketsReceived);
    }

    [Fact]
    public void After_a_transfer_the_old_partys_late_packets_do_not_win_the_new_latch()
    {
        RtpSession session = Session();
        Socket caller = Udp();
        Socket agent = Udp();
        session.Start(EndPoint(caller), null, MediaDirection.SendRecv, [0]);
        caller.SendTo(new RtpPacket(0, 1, 0, 5, new byte[160]).ToArray(), session.LocalRtpEndPoint);
        Assert.True(MediaTestKit.WaitUntil(() => session.IsLatched));

        session.Update(EndPoint(agent), null, MediaDirection.SendRecv, [0], newPeer: true);
        caller.SendTo(new RtpPacket(0, 2, 160, 5, new byte[160]).ToArray(), session.LocalRtpEndPoint); // still in flight
        Assert.True(MediaTestKit.WaitUntil(() => session.GetStatistics().PacketsRejected >= 1));
        agent.SendTo(new RtpPacket(0, 900, 0, 7, new byte[160]).ToArray(), session.LocalRtpEndPoint);

        Assert.True(MediaTestKit.WaitUntil(() => session.IsLatched && session.RemoteSsrc == 7));
        Assert.Equal(EndPoint(agent), session.RemoteRtpEndPoint);
    }

    [Fact]
    public void A_new_sdp_address_in_a_reinvite_starts_latching_over()
    {
        RtpSession session = Session();
        Socket first = Udp();
        Socket second = Udp();
        session.Start(EndPoint(first), null, MediaDirection.SendRecv, [0]);
        first.SendTo(new RtpPacket(0, 1, 0, 5, new byte[160]).ToArray(), session.LocalRtpEndPoint);
        Assert.True(MediaTestKit.WaitUntil(() => session.IsLatched));

        session.Update(EndPoint(second), null, MediaDirection.SendRecv, [0]);

        Assert.False(session.IsLatched);
        session.SendRtp(0, 0, false, new byte[160]);
        Assert.True(HasPending(second, 2000));
    }

    [Fact]
    public void Legacy_hold_address_sends_nothing()
    {
        RtpSession session = Session();
        session.Start(new IPEndPoint(IPAddress.Any, 30000), null, MediaDirection.RecvOnly, [0]);
        Assert.False(session.SendRtp(0, 0, false, new byte[160]));
        Assert.Null(session.RemoteRtpEndPoint);
    }

    [Fact]
    public void Inactivity_fires_once_after_the_timeout_without_rtp()
    {
        var time = new FakeTimeProvider();
        RtpSession session = Session(time, TimeSpan.FromSeconds(5));
        Socket peer = Udp();
        int fired = 0;
        session.InactivityTimeout += () => fired++;
        session.Start(EndPoint(peer), null, MediaDirection.SendRecv, [0]);

        time.Advance(TimeSpan.FromSeconds(3));
        peer.SendTo(new RtpPacket(0, 1, 0, 5, new byte[160]).ToArray(), session.LocalRtpEndPoint);
        Assert.True(MediaTestKit.WaitUntil(() => session.GetStatistics().PacketsReceived == 1));
        time.Advance(TimeSpan.FromSeconds(4)); // 7 s after start, 4 s after the packet
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, fired);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, fired);
    }

    [Theory]
    [InlineData(MediaDirection.SendOnly)]
    [InlineData(MediaDirection.RecvOnly)]
    [InlineData(MediaDirection.Inactive)]
    public void Inactivity_does_not_fire_while_on_hold_and_resumes_counting_after(MediaDirection hold)
    {
        var time = new FakeTimeProvider();
        RtpSession session = Session(time, TimeSpan.FromSeconds(5));
        Socket peer = Udp();
        int fired = 0;
        session.InactivityTimeout += () => fired++;
        session.Start(EndPoint(peer), null, MediaDirection.SendRecv, [0]);
        time.Advance(TimeSpan.FromSeconds(2));

        session.Update(EndPoint(peer), null, hold, [0]);
        for (int i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(0, fired);

        session.Update(EndPoint(peer), null, MediaDirection.SendRecv, [0]);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Rtcp_reports_flow_both_ways_with_report_blocks_about_each_other()
    {
        RtpSession a = Session();
        RtpSession b = Session();
        a.Start(b.LocalRtpEndPoint, b.LocalRtcpEndPoint, MediaDirection.SendRecv, [0]);
        b.Start(a.LocalRtpEndPoint, a.LocalRtcpEndPoint, MediaDirection.SendRecv, [0]);
        var atB = new List<RtcpPacket>();
        var atA = new List<RtcpPacket>();
        b.RtcpReceived += p => { lock (atB) { atB.AddRange(p); } };
        a.RtcpReceived += p => { lock (atA) { atA.AddRange(p); } };

        for (int i = 0; i < 10; i++)
        {
            a.SendRtp(0, (uint)(i * 160), i == 0, new byte[160]);
        }

        Assert.True(MediaTestKit.WaitUntil(() => b.GetStatistics().PacketsReceived == 10));
        a.SendReportNow();
        Assert.True(MediaTestKit.WaitUntil(() => { lock (atB) { return atB.OfType<RtcpSenderReport>().Any(); } }));
        RtcpSenderReport sr;
        lock (atB)
        {
            sr = atB.OfType<RtcpSenderReport>().First();
            Assert.Equal(a.Ssrc, sr.Ssrc);
            Assert.Equal(10u, sr.PacketCount);
            Assert.Equal(1600u, sr.OctetCount);
            Assert.Contains(atB.OfType<RtcpSourceDescription>(), s => s.Chunks[0].Ssrc == a.Ssrc);
        }

        b.SendReportNow();
        Assert.True(MediaTestKit.WaitUntil(() => { lock (atA) { return atA.OfType<RtcpReceiverReport>().Any(); } }));
        lock (atA)
        {
            RtcpReceiverReport rr = atA.OfType<RtcpReceiverReport>().First();
            RtcpReportBlock block = Assert.Single(rr.ReportBlocks);
            Assert.Equal(a.Ssrc, block.Ssrc);
            Assert.Equal(0, block.CumulativeLost);
            Assert.NotEqual(0u, block.LastSenderReport);
        }

        Assert.Equal(0, a.GetStatistics().RemoteFractionLost);
        Assert.NotNull(a.GetStatistics().RoundTripMs);
    }

    [Fact]
    public async Task Dispose_releases_the_ports_and_says_bye()
    {
        var ports = MediaTestKit.Ports();
        Socket peerRtcp = Udp();
        var session = new RtpSession(new RtpSessionOptions { LocalAddress = IPAddress.Loopback }, ports, TimeProvider.System, NullLogger.Instance);
        int port = session.LocalRtpEndPoint.Port;
        session.Start(new IPEndPoint(IPAddress.Loopback, EndPoint(peerRtcp).Port - 1), EndPoint(peerRtcp), MediaDirection.SendRecv, [0]);

        await session.DisposeAsync();

        Assert.False(ports.IsAllocated(port));
        var buffer = new byte[1500];
        int length = peerRtcp.Receive(buffer);
        Assert.True(RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out IReadOnlyList<RtcpPacket> packets));
        Assert.Contains(packets, p => p is RtcpGoodbye bye && bye.Ssrcs.Contains(session.Ssrc));
        Assert.False(session.SendRtp(0, 0, false, new byte[160]));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable session in _sessions)
        {
            await session.DisposeAsync();
        }

        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
