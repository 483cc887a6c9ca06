using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ContactCenter.Media.Sdp;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// One RTP stream pair over UDP: an RTP socket on an even port and RTCP on the next (RFC 3550 §11).
/// <list type="bullet">
/// <item>Symmetric RTP with latching (RFC 4961): we send to the address from SDP until the first
/// valid packet (negotiated payload type) arrives, then to that packet's real source, which is
/// what gets through a NAT. After latching, packets from any other source are dropped (they
/// could only be injected); a new SDP address (re-INVITE) starts latching over.</item>
/// <item>RTCP SR/RR + SDES CNAME about every 5 s, randomised to 0.5-1.5x and divided by e-3/2
/// (RFC 3550 §6.3.1), first report after half an interval; BYE on dispose.</item>
/// <item>Inactivity: <see cref="InactivityTimeout"/> fires once when no RTP arrived for
/// <see cref="RtpSessionOptions.RtpTimeout"/> while media is expected. It is suspended whenever the
/// negotiated direction is not sendrecv: on hold either side may legitimately send nothing.</item>
/// </list>
/// Receiving is one async loop per socket with one pooled buffer and a reused socket address, so
/// steady-state receive does not allocate; <see cref="SendRtp"/> writes into a reused buffer and
/// sends a span, so sending does not allocate either.
/// </summary>
public sealed class RtpSession : IAsyncDisposable
{
    private const int MaxDatagram = 1500;

    private readonly RtpSessionOptions _options;
    private readonly RtpPortAllocator _ports;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Socket _rtpSocket;
    private readonly Socket _rtcpSocket;
    private readonly int _port;
    private readonly CancellationTokenSource _cts = new();
    private readonly byte[] _sendBuffer = new byte[MaxDatagram];
    private readonly bool[] _acceptedPayloadTypes = new bool[128];
    private readonly Lock _gate = new();
    private readonly string _cname;

    private RtpReceiverStatistics? _receiver;
    private ITimer? _rtcpTimer;
    private ITimer? _inactivityTimer;
    private Task _rtpLoop = Task.CompletedTask;
    private SocketAddress? _retiredSource;
    private byte[]? _pollBuffer;
    private SocketAddress? _pollSource;
    private Task _rtcpLoop = Task.CompletedTask;

    private volatile SocketAddress? _rtpTarget;
    private volatile SocketAddress? _rtcpTarget;
    private SocketAddress? _latchedRtp;
    private SocketAddress? _latchedRtcp;
    private IPEndPoint? _sdpRtp;
    private IPEndPoint? _remoteRtp;
    private MediaDirection _direction = MediaDirection.SendRecv;
    private bool _started;
    private bool _disposed;
    private bool _timedOut;
    private uint? _remoteSsrc;

    private ushort _sequence;
    private long _packetsSent;
    private long _octetsSent;
    private bool _sentSinceReport;
    private uint _lastSentTimestamp;
    private long _lastSentAt;
    private long _packetsReceived;
    private long _octetsReceived;
    private long _rejected;
    private long _lastRtpAt;

    private uint _lastSrMiddle;
    private long _lastSrAt;
    private double? _remoteFractionLost;
    private double? _remoteJitterMs;
    private double? _roundTripMs;

    /// <summary>Allocates a port pair from <paramref name="ports"/> and binds both sockets.</summary>
    public RtpSession(RtpSessionOptions options, RtpPortAllocator ports, TimeProvider time, ILogger logger)
    {
        _options = options;
        _ports = ports;
        _time = time;
        _logger = logger;
        Ssrc = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        // RFC 3550 §5.1: the initial sequence number and timestamp should be random.
        _sequence = (ushort)Random.Shared.Next(0, 65536);
        InitialTimestamp = (uint)Random.Shared.NextInt64(0, uint.MaxValue);

        Exception? last = null;
        for (int attempt = 0; attempt < Math.Max(1, options.BindAttempts); attempt++)
        {
            int port = ports.Allocate();
            Socket? rtp = null;
            Socket? rtcp = null;
            try
            {
                rtp = new Socket(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                rtp.Bind(new IPEndPoint(options.LocalAddress, port));
                rtcp = new Socket(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                rtcp.Bind(new IPEndPoint(options.LocalAddress, port + 1));
                _rtpSocket = rtp;
                _rtcpSocket = rtcp;
                _port = port;
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                // Another process holds one of the pair: try the next pair, and give this one
                // back so it is retried after a full round.
                last = ex;
                rtp?.Dispose();
                rtcp?.Dispose();
                ports.Release(port);
            }
        }

        if (_rtpSocket is null || _rtcpSocket is null)
        {
            throw new InvalidOperationException($"Could not bind an RTP/RTCP port pair on {options.LocalAddress} after {options.BindAttempts} attempts.", last);
        }

        LocalRtpEndPoint = (IPEndPoint)_rtpSocket.LocalEndPoint!;
        LocalRtcpEndPoint = (IPEndPoint)_rtcpSocket.LocalEndPoint!;
        _cname = options.Cname ?? $"contactcenter@{LocalRtpEndPoint.Address}";
    }

    /// <summary>Our RTP address.</summary>
    public IPEndPoint LocalRtpEndPoint { get; }

    /// <summary>Our RTCP address (RTP port + 1).</summary>
    public IPEndPoint LocalRtcpEndPoint { get; }

    /// <summary>Our synchronisation source.</summary>
    public uint Ssrc { get; }

    /// <summary>Random first RTP timestamp (RFC 3550 §5.1) for the owner's timestamp clock.</summary>
    public uint InitialTimestamp { get; }

    /// <summary>Where RTP goes now: the latched source, else the SDP address; null when nothing may be sent (hold with 0.0.0.0).</summary>
    public IPEndPoint? RemoteRtpEndPoint
    {
        get
        {
            lock (_gate)
            {
                return _remoteRtp;
            }
        }
    }

    /// <summary>True once a valid packet latched the peer's address.</summary>
    public bool IsLatched
    {
        get
        {
            lock (_gate)
            {
                return _latchedRtp is not null;
            }
        }
    }

    /// <summary>The peer's SSRC once known.</summary>
    public uint? RemoteSsrc
    {
        get
        {
            lock (_gate)
            {
                return _remoteSsrc;
            }
        }
    }

    /// <summary>Current negotiated direction (ours).</summary>
    public MediaDirection Direction
    {
        get
        {
            lock (_gate)
            {
                return _direction;
            }
        }
    }

    /// <summary>
    /// Raised on the receive loop for each accepted RTP packet. The payload points into the
    /// loop's buffer and is only valid during the call: copy what you keep.
    /// </summary>
    public event Action<RtpPacket>? PacketReceived;

    /// <summary>Raised on the RTCP receive loop with every compound packet from the peer.</summary>
    public event Action<IReadOnlyList<RtcpPacket>>? RtcpReceived;

    /// <summary>Raised once when no RTP arrived for the timeout while media was expected.</summary>
    public event Action? InactivityTimeout;

    /// <summary>Starts sending/receiving toward the peer from SDP.</summary>
    /// <param name="remoteRtp">Peer RTP address from SDP (0.0.0.0 = legacy hold: do not send).</param>
    /// <param name="remoteRtcp">Peer RTCP address (null: RTP port + 1).</param>
    /// <param name="direction">Our direction.</param>
    /// <param name="payloadTypes">Payload types we accept (codec, telephone-event, ...).</param>
    public void Start(IPEndPoint remoteRtp, IPEndPoint? remoteRtcp, MediaDirection direction, IEnumerable<int> payloadTypes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("The RTP session has already started; use Update for re-INVITEs.");
            }

            _started = true;
            ApplyLocked(remoteRtp, remoteRtcp, direction, payloadTypes);
            _lastRtpAt = _time.GetTimestamp();
        }

        if (!_options.PolledReceive)
        {
            _rtpLoop = Task.Run(ReceiveRtpLoopAsync);
        }

        _rtcpLoop = Task.Run(ReceiveRtcpLoopAsync);
        if (_options.RtpTimeout > TimeSpan.Zero && _options.RtpTimeout != Timeout.InfiniteTimeSpan)
        {
            _inactivityTimer = _time.CreateTimer(_ => CheckInactivity(), null, _options.RtpTimeout, Timeout.InfiniteTimeSpan);
        }

        _rtcpTimer = _time.CreateTimer(_ => SendReport(), null, RandomisedInterval(initial: true), Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Applies a re-INVITE: a new SDP address starts latching over; a direction change to
    /// sendrecv restarts the inactivity clock (we were not expecting media before).
    /// </summary>
    /// <param name="remoteRtp">Peer RTP address from the new SDP.</param>
    /// <param name="remoteRtcp">Peer RTCP address (null: RTP port + 1).</param>
    /// <param name="direction">Our direction.</param>
    /// <param name="payloadTypes">Payload types we accept.</param>
    /// <param name="newPeer">
    /// The media now comes from a different party (we were transferred): packets still in flight from the
    /// source we were latched to must not win the new latch. Off for ordinary re-INVITEs, where a NATed
    /// peer's real source stays the same while its SDP address changes.
    /// </param>
    public void Update(IPEndPoint remoteRtp, IPEndPoint? remoteRtcp, MediaDirection direction, IEnumerable<int> payloadTypes, bool newPeer = false)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _retiredSource = newPeer ? _latchedRtp ?? _rtpTarget : null;
            if (direction == MediaDirection.SendRecv && _direction != MediaDirection.SendRecv)
            {
                _lastRtpAt = _time.GetTimestamp();
            }

            ApplyLocked(remoteRtp, remoteRtcp, direction, payloadTypes);
        }
    }

    /// <summary>
    /// Sends one RTP packet with the next sequence number. Meant for the playout thread: no
    /// allocation, no blocking beyond the send system call. Returns false when there is nowhere
    /// to send (hold, or before start) or the send failed.
    /// </summary>
    public bool SendRtp(int payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        SocketAddress? target = _rtpTarget;
        if (target is null || _disposed || payload.Length > MaxDatagram - RtpPacket.HeaderLength)
        {
            return false;
        }

        Span<byte> buffer = _sendBuffer;
        RtpPacket.WriteHeader(buffer, marker, payloadType, _sequence, timestamp, Ssrc);
        payload.CopyTo(buffer[RtpPacket.HeaderLength..]);
        _sequence++;
        try
        {
            _rtpSocket.SendTo(buffer[..(RtpPacket.HeaderLength + payload.Length)], SocketFlags.None, target);
        }
        catch (SocketException ex)
        {
            _logger.LogDebug("RTP send to {Remote} failed: {Error}", _remoteRtp, ex.SocketErrorCode);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        _packetsSent++;
        _octetsSent += payload.Length;
        _lastSentTimestamp = timestamp;
        _lastSentAt = _time.GetTimestamp();
        _sentSinceReport = true;
        return true;
    }

    /// <summary>A statistics snapshot (codec and jitter-buffer fields are filled by the owner).</summary>
    public RtpStreamStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new RtpStreamStatistics
            {
                PacketsSent = Interlocked.Read(ref _packetsSent),
                OctetsSent = Interlocked.Read(ref _octetsSent),
                PacketsReceived = Interlocked.Read(ref _packetsReceived),
                OctetsReceived = _octetsReceived,
                PacketsLost = Math.Max(0, _receiver?.Lost ?? 0),
                FractionLost = _receiver?.FractionLost ?? 0,
                JitterMs = _receiver?.JitterMs ?? 0,
                RemoteFractionLost = _remoteFractionLost,
                RemoteJitterMs = _remoteJitterMs,
                RoundTripMs = _roundTripMs,
                PacketsRejected = _rejected,
            };
        }
    }

    /// <summary>Sends an RTCP report now (also done on the randomised timer).</summary>
    public void SendReportNow() => SendReport(reschedule: false);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (_inactivityTimer is not null)
        {
            await _inactivityTimer.DisposeAsync();
        }

        if (_rtcpTimer is not null)
        {
            await _rtcpTimer.DisposeAsync();
        }

        if (_started)
        {
            // RFC 3550 §6.3.7: a participant leaving sends BYE.
            SendCompound(includeBye: true);
        }

        await _cts.CancelAsync();
        _rtpSocket.Dispose();
        _rtcpSocket.Dispose();
        try
        {
            await Task.WhenAll(_rtpLoop, _rtcpLoop);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closing the sockets ends the loops; how they notice does not matter.
        }

        _cts.Dispose();
        _ports.Release(_port);
    }

    private void ApplyLocked(IPEndPoint remoteRtp, IPEndPoint? remoteRtcp, MediaDirection direction, IEnumerable<int> payloadTypes)
    {
        Array.Clear(_acceptedPayloadTypes);
        foreach (int pt in payloadTypes)
        {
            if (pt is >= 0 and < 128)
            {
                _acceptedPayloadTypes[pt] = true;
            }
        }

        _direction = direction;
        bool addressChanged = _sdpRtp is null || !_sdpRtp.Equals(remoteRtp);
        _sdpRtp = remoteRtp;
        if (addressChanged)
        {
            _latchedRtp = null;
            _latchedRtcp = null;
            bool usable = remoteRtp.Port != 0 && !remoteRtp.Address.Equals(IPAddress.Any) && !remoteRtp.Address.Equals(IPAddress.IPv6Any)
                && remoteRtp.AddressFamily == _rtpSocket.AddressFamily;
            _remoteRtp = usable ? remoteRtp : null;
            _rtpTarget = usable ? remoteRtp.Serialize() : null;
            IPEndPoint rtcp = remoteRtcp ?? new IPEndPoint(remoteRtp.Address, Math.Min(remoteRtp.Port + 1, 65535));
            _rtcpTarget = usable && rtcp.AddressFamily == _rtcpSocket.AddressFamily ? rtcp.Serialize() : null;
        }
    }

    /// <summary>
    /// Handles every RTP datagram already queued on the socket, without blocking (for
    /// <see cref="RtpSessionOptions.PolledReceive"/>; call it from one thread, e.g. each playout tick).
    /// </summary>
    public void DrainReceived()
    {
        if (!_started || _disposed)
        {
            return;
        }

        _pollBuffer ??= new byte[2048];
        _pollSource ??= new SocketAddress(_rtpSocket.AddressFamily);
        try
        {
            // FIONREAD: for UDP, the size of the next datagram; zero when none is queued.
            while (_rtpSocket.Available > 0)
            {
                int received = _rtpSocket.ReceiveFrom(_pollBuffer, SocketFlags.None, _pollSource);
                OnRtpDatagram(_pollBuffer.AsMemory(0, received), _pollSource);
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.ConnectionRefused or SocketError.WouldBlock)
        {
            // An ICMP error from an earlier send, or an oversized datagram: not fatal; the next tick goes on.
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the read.
        }
    }

    private Task ReceiveRtpLoopAsync() =>
        ReceiveLoopAsync(_rtpSocket, "RTP", (datagram, source) => OnRtpDatagram(datagram, source));

    private Task ReceiveRtcpLoopAsync() =>
        ReceiveLoopAsync(_rtcpSocket, "RTCP", (datagram, source) => OnRtcpDatagram(datagram.Span, source, fromRtpPort: false));

    /// <summary>Receives datagrams on <paramref name="socket"/> until the session is disposed; a datagram is handled before the next read.</summary>
    private async Task ReceiveLoopAsync(Socket socket, string what, Action<ReadOnlyMemory<byte>, SocketAddress> handle)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(2048);
        var source = new SocketAddress(socket.AddressFamily);
        CancellationToken token = _cts.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, source, token);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.ConnectionRefused)
                {
                    // ICMP errors from an earlier send, or an oversized datagram: not fatal.
                    continue;
                }

                handle(buffer.AsMemory(0, received), source);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || (ex is SocketException && token.IsCancellationRequested))
        {
            // Disposed.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{What} receive loop on {Local} stopped", what, socket.LocalEndPoint);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnRtpDatagram(ReadOnlyMemory<byte> datagram, SocketAddress source)
    {
        if (RtcpCompoundPacket.IsRtcp(datagram.Span))
        {
            // RFC 5761 rtcp-mux peers send RTCP to the RTP port.
            OnRtcpDatagram(datagram.Span, source, fromRtpPort: true);
            return;
        }

        if (!RtpPacket.TryParse(datagram, out RtpPacket packet))
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (!_started || _disposed || !_acceptedPayloadTypes[packet.PayloadType])
            {
                _rejected++;
                return;
            }

            if (_latchedRtp is null)
            {
                if (_retiredSource is not null && source.Equals(_retiredSource))
                {
                    _rejected++; // the previous party's last packets, after a transfer
                    return;
                }

                // RFC 4961 symmetric RTP: answer to where the media really comes from.
                var endpoint = (IPEndPoint)LocalRtpEndPoint.Create(source);
                _latchedRtp = endpoint.Serialize();
                _rtpTarget = _latchedRtp;
                if (_remoteRtp is null || !_remoteRtp.Equals(endpoint))
                {
                    _logger.LogInformation("RTP on {Local} latched to {Source} (SDP said {Sdp})", LocalRtpEndPoint, endpoint, _sdpRtp);
                }

                _remoteRtp = endpoint;
            }
            else if (!source.Equals(_latchedRtp))
            {
                _rejected++;
                return;
            }

            if (_remoteSsrc != packet.Ssrc)
            {
                // A new source (first packet, or the peer switched streams): fresh statistics.
                _remoteSsrc = packet.Ssrc;
                _receiver = new RtpReceiverStatistics(8000, _time.TimestampFrequency);
            }

            _receiver!.Update(packet.SequenceNumber, packet.Timestamp, now);
            _octetsReceived += packet.Payload.Length;
            _lastRtpAt = now;
        }

        PacketReceived?.Invoke(packet);
        // Counted once handled, so a reader that sees the count also sees the packet's effects.
        Interlocked.Increment(ref _packetsReceived);
    }

    private void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source, bool fromRtpPort)
    {
        if (!RtcpCompoundPacket.TryParse(datagram, out IReadOnlyList<RtcpPacket> packets))
        {
            return;
        }

        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (!_started || _disposed)
            {
                return;
            }

            if (!fromRtpPort)
            {
                if (_latchedRtcp is null)
                {
                    _latchedRtcp = ((IPEndPoint)LocalRtcpEndPoint.Create(source)).Serialize();
                    _rtcpTarget = _latchedRtcp;
                }
                else if (!source.Equals(_latchedRtcp))
                {
                    return;
                }
            }

            foreach (RtcpPacket packet in packets)
            {
                IReadOnlyList<RtcpReportBlock> blocks = [];
                if (packet is RtcpSenderReport sr)
                {
                    _lastSrMiddle = NtpTime.Middle32(sr.NtpTimestamp);
                    _lastSrAt = now;
                    blocks = sr.ReportBlocks;
                }
                else if (packet is RtcpReceiverReport rr)
                {
                    blocks = rr.ReportBlocks;
                }

                foreach (RtcpReportBlock block in blocks)
                {
                    if (block.Ssrc != Ssrc)
                    {
                        continue;
                    }

                    _remoteFractionLost = block.FractionLost / 256.0;
                    _remoteJitterMs = block.Jitter / 8.0;
                    if (block.LastSenderReport != 0)
                    {
                        // RFC 3550 §6.4.1: RTT = A - LSR - DLSR in 1/65536 s.
                        uint arrival = NtpTime.Middle32(NtpTime.FromDateTime(_time.GetUtcNow()));
                        long rtt = unchecked((int)(arrival - block.LastSenderReport - block.DelaySinceLastSenderReport));
                        if (rtt >= 0)
                        {
                            _roundTripMs = rtt * 1000.0 / 65536;
                        }
                    }
                }
            }
        }

        RtcpReceived?.Invoke(packets);
    }

    private void SendReport(bool reschedule = true)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        SendCompound(includeBye: false);
        if (reschedule)
        {
            try
            {
                _rtcpTimer?.Change(RandomisedInterval(initial: false), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and here.
            }
        }
    }

    private void SendCompound(bool includeBye)
    {
        SocketAddress? target = _rtcpTarget;
        if (target is null)
        {
            return;
        }

        var packets = new List<RtcpPacket>(3);
        lock (_gate)
        {
            var blocks = new List<RtcpReportBlock>(1);
            if (_receiver is { IsValid: true } receiver && _remoteSsrc is { } remote)
            {
                uint dlsr = _lastSrAt == 0 ? 0 : NtpTime.ToShortUnits(_time.GetElapsedTime(_lastSrAt));
                blocks.Add(receiver.CreateReportBlock(remote, _lastSrMiddle, _lastSrMiddle == 0 ? 0 : dlsr));
            }

            // RFC 3550 §6.4: an SR when we sent RTP since the last report, otherwise an RR.
            if (_sentSinceReport)
            {
                DateTimeOffset now = _time.GetUtcNow();
                // The RTP timestamp that corresponds to "now" on our sending clock.
                uint rtpNow = unchecked(_lastSentTimestamp + (uint)(_time.GetElapsedTime(_lastSentAt).TotalSeconds * 8000));
                packets.Add(new RtcpSenderReport
                {
                    Ssrc = Ssrc,
                    NtpTimestamp = NtpTime.FromDateTime(now),
                    RtpTimestamp = rtpNow,
                    PacketCount = (uint)Interlocked.Read(ref _packetsSent),
                    OctetCount = (uint)Interlocked.Read(ref _octetsSent),
                    ReportBlocks = blocks,
                });
                _sentSinceReport = false;
            }
            else
            {
                packets.Add(new RtcpReceiverReport { Ssrc = Ssrc, ReportBlocks = blocks });
            }
        }

        packets.Add(new RtcpSourceDescription { Chunks = [new RtcpSdesChunk(Ssrc, _cname)] });
        if (includeBye)
        {
            packets.Add(new RtcpGoodbye { Ssrcs = [Ssrc] });
        }

        byte[] bytes = RtcpCompoundPacket.ToArray(packets);
        try
        {
            _rtcpSocket.SendTo(bytes, SocketFlags.None, target);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("RTCP send failed: {Error}", ex.Message);
        }
    }

    private void CheckInactivity()
    {
        Action? raise = null;
        TimeSpan next;
        lock (_gate)
        {
            if (_disposed || _timedOut)
            {
                return;
            }

            TimeSpan silent = _time.GetElapsedTime(_lastRtpAt);
            if (_direction != MediaDirection.SendRecv)
            {
                // On hold (either way) silence is legitimate; look again a timeout later.
                _lastRtpAt = _time.GetTimestamp();
                next = _options.RtpTimeout;
            }
            else if (silent >= _options.RtpTimeout)
            {
                _timedOut = true;
                raise = InactivityTimeout;
                next = Timeout.InfiniteTimeSpan;
                _logger.LogWarning("No RTP on {Local} for {Seconds:F0} s", LocalRtpEndPoint, silent.TotalSeconds);
            }
            else
            {
                next = _options.RtpTimeout - silent;
            }
        }

        if (next != Timeout.InfiniteTimeSpan)
        {
            try
            {
                _inactivityTimer?.Change(next, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile.
            }
        }

        raise?.Invoke();
    }

    // RFC 3550 §6.3.1: interval x U(0.5, 1.5) / (e - 3/2); the first report after half of it (§6.2).
    private TimeSpan RandomisedInterval(bool initial)
    {
        double seconds = _options.RtcpInterval.TotalSeconds * (initial ? 0.5 : 1.0);
        seconds *= (0.5 + Random.Shared.NextDouble()) / (Math.E - 1.5);
        return TimeSpan.FromSeconds(Math.Max(0.1, seconds));
    }
}
