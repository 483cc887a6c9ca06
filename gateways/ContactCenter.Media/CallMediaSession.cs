using System.Net;
using System.Threading.Channels;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.JitterBuffer;
using ContactCenter.Media.Playout;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Sdp;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media;

/// <summary>
/// One call's media: the RTP session, the codec, the jitter buffer and DTMF, driven by the shared
/// <see cref="PlayoutScheduler"/>. Each 20 ms tick it sends exactly one packet (queued bot audio,
/// else encoded silence, or the next RFC 4733 packet while a digit is being sent) and delivers
/// exactly one decoded caller frame to <see cref="Received"/> (concealed when a packet is lost,
/// silence before the first one and while on hold). No thread or timer per call.
/// </summary>
public sealed class CallMediaSession : IPlayoutTarget, IAsyncDisposable
{
    // RTP clock units per 20 ms tick (all codecs here run an 8 kHz RTP clock).
    private const int TimestampsPerTick = AudioFrame.SampleCount;

    private readonly CallMediaOptions _options;
    private readonly PlayoutScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IAudioCodecFactory _codecs;
    private readonly RtpSession _rtp;
    private readonly Channel<AudioFrame> _received;
    private readonly Lock _txGate = new();
    private readonly Lock _rxGate = new();
    private readonly Queue<(AudioFrame Frame, uint Mark)> _queue = new();
    private readonly Queue<(char Digit, TimeSpan Duration, TaskCompletionSource Done)> _dtmfQueue = new();
    private readonly DtmfSender _dtmfSender = new();
    private readonly DtmfReceiver _dtmfReceiver = new();
    private readonly byte[] _payload = new byte[1024];

    private NegotiatedMedia? _media;
    private IAudioCodec? _encoder;
    private AdaptiveJitterBuffer? _jitterBuffer;
    private TaskCompletionSource? _dtmfInProgress;
    private long _firstTick = -1;
    private bool _markerNext = true;
    private bool _started;
    private bool _disposed;
    private int _audioPt;
    private int _eventPt = -1;
    private uint? _remoteSsrc;
    private long _dtmfDigitsReceived;

    /// <summary>Binds the call's RTP/RTCP ports (so <see cref="LocalRtpEndPoint"/> can go into the SDP answer).</summary>
    public CallMediaSession(CallMediaOptions options, RtpPortAllocator ports, PlayoutScheduler scheduler, TimeProvider time, ILogger logger)
    {
        _options = options;
        _scheduler = scheduler;
        _time = time;
        _logger = logger;
        _codecs = options.CodecFactory ?? CodecFactory.Default;
        _rtp = new RtpSession(options.ToRtpSessionOptions(), ports, time, logger);
        _received = Channel.CreateBounded<AudioFrame>(new BoundedChannelOptions(Math.Max(1, options.ReceivedQueueCapacity))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
            SingleReader = false,
            AllowSynchronousContinuations = false,
        });
        _rtp.PacketReceived += OnPacket;
        _rtp.InactivityTimeout += () => InactivityTimeout?.Invoke();
    }

    /// <summary>Our RTP address (bind address and port; the SDP carries the advertised address).</summary>
    public IPEndPoint LocalRtpEndPoint => _rtp.LocalRtpEndPoint;

    /// <summary>The underlying RTP session (latching state, RTCP events).</summary>
    public RtpSession Rtp => _rtp;

    /// <summary>Current negotiation, or null before <see cref="Start"/>.</summary>
    public NegotiatedMedia? Media
    {
        get
        {
            lock (_txGate)
            {
                return _media;
            }
        }
    }

    /// <summary>Decoded caller audio: one frame per 20 ms tick while the call is up (concealed when lost, silence on hold).</summary>
    public ChannelReader<AudioFrame> Received => _received.Reader;

    /// <summary>
    /// Where each tick's caller frame goes instead of <see cref="Received"/> when set: called on the playout
    /// thread, so it must only hand the frame on (e.g. TryWrite to the engine's channel), never block.
    /// Saves a thread hop per frame per call, which at a thousand calls is most of the gateway's CPU.
    /// </summary>
    public Action<AudioFrame>? ReceivedSink { get; set; }

    /// <summary>Bot frames waiting to be sent.</summary>
    public int QueuedFrames
    {
        get
        {
            lock (_txGate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>RFC 4733 digits from the peer, and digits passed to <see cref="ReportDtmf"/>.</summary>
    public event Action<char>? DtmfReceived;

    /// <summary>No RTP for <see cref="CallMediaOptions.RtpTimeout"/> while media was expected (not while on hold).</summary>
    public event Action? InactivityTimeout;

    /// <summary>
    /// A frame queued with a non-zero mark took its 20 ms slot on the wire: the mark and the time it was sent.
    /// Raised on the playout thread, so handlers must only hand it on (TryWrite), never block. While on hold
    /// the frame's slot still passes (the bot's audio runs in real time, unheard), so it is reported too:
    /// the engine's record of what was played must keep moving.
    /// </summary>
    public event Action<uint, DateTimeOffset>? MarkPlayed;

    /// <summary>Statistics for the CDR.</summary>
    public RtpStreamStatistics Statistics
    {
        get
        {
            RtpStreamStatistics rtp = _rtp.GetStatistics();
            lock (_rxGate)
            {
                return rtp with
                {
                    Codec = _media?.CodecName,
                    ConcealedFrames = _jitterBuffer?.ConcealedFrames ?? 0,
                    LatePackets = _jitterBuffer?.LatePackets ?? 0,
                    DuplicatePackets = _jitterBuffer?.DuplicatePackets ?? 0,
                    JitterBufferDelayMs = _jitterBuffer?.TargetDelayMs ?? 0,
                    DtmfDigitsReceived = Interlocked.Read(ref _dtmfDigitsReceived),
                };
            }
        }
    }

    /// <summary>Starts media after the answer: creates the codec and jitter buffer and joins the playout clock.</summary>
    public void Start(NegotiatedMedia media)
    {
        lock (_txGate)
        {
            lock (_rxGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_started)
                {
                    throw new InvalidOperationException("Media already started; use Update for re-INVITEs.");
                }

                ApplyMediaLocked(media);
                _started = true;
            }
        }

        _rtp.Start(media.RemoteRtp, media.RemoteRtcp, media.Direction, PayloadTypes(media));
        _scheduler.Register(this);
        _logger.LogInformation("Media started: {Codec}/{Pt} to {Remote}, {Direction}, DTMF PT {Dtmf}",
            media.CodecName, media.PayloadType, media.RemoteRtp, media.Direction, media.TelephoneEventPayloadType);
    }

    /// <summary>Applies a re-INVITE's result: new remote address, direction (hold/resume) or codec.</summary>
    /// <param name="media">The renegotiated media.</param>
    /// <param name="newPeer">A different party now sends the media (see <see cref="RtpSession.Update"/>).</param>
    public void Update(NegotiatedMedia media, bool newPeer = false)
    {
        lock (_txGate)
        {
            lock (_rxGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_started)
                {
                    throw new InvalidOperationException("Media has not started.");
                }

                bool resumed = media.Direction.CanSend() && _media is { } old && !old.Direction.CanSend();
                ApplyMediaLocked(media);
                if (resumed)
                {
                    // RFC 3551 §4.1: first packet after a pause marks a talk spurt.
                    _markerNext = true;
                }
            }
        }

        _rtp.Update(media.RemoteRtp, media.RemoteRtcp, media.Direction, PayloadTypes(media), newPeer);
    }

    /// <summary>
    /// Queues one bot frame; frames go out one per tick in order. A non-zero <paramref name="mark"/> raises
    /// <see cref="MarkPlayed"/> when the frame is sent, so the engine learns what the caller heard and when.
    /// </summary>
    public void Enqueue(AudioFrame frame, uint mark = 0)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_txGate)
        {
            if (!_disposed)
            {
                _queue.Enqueue((frame, mark));
            }
        }
    }

    /// <summary>
    /// Barge-in: drops every queued frame not yet sent (the next tick sends silence). Returns how many were
    /// dropped; their marks are never reported.
    /// </summary>
    public int ClearQueued()
    {
        lock (_txGate)
        {
            int dropped = _queue.Count;
            _queue.Clear();
            return dropped;
        }
    }

    /// <summary>
    /// Sends a digit as RFC 4733 events (queued behind digits already being sent); completes when
    /// its last end packet has gone out. Completes without sending when no telephone-event
    /// payload type was negotiated or we may not send (hold); cancelled when the session is disposed first.
    /// </summary>
    public ValueTask SendDtmfAsync(char digit, TimeSpan duration)
    {
        if (!TelephoneEvent.IsDtmfDigit(digit))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit (0-9 * # A-D).", nameof(digit));
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_txGate)
        {
            if (_disposed || !_started || _eventPt < 0)
            {
                _logger.LogWarning("DTMF '{Digit}' not sent: {Reason}", digit, _eventPt < 0 ? "no telephone-event negotiated" : "media not running");
                return ValueTask.CompletedTask;
            }

            _dtmfQueue.Enqueue((digit, duration, done));
        }

        return new ValueTask(done.Task);
    }

    /// <summary>Reports a digit that arrived by SIP INFO: raises <see cref="DtmfReceived"/> (deduplication is the caller's).</summary>
    public void ReportDtmf(char digit)
    {
        Interlocked.Increment(ref _dtmfDigitsReceived);
        DtmfReceived?.Invoke(digit);
    }

    /// <inheritdoc />
    public void OnTick(long tickIndex)
    {
        TaskCompletionSource? completed = null;
        uint mark = 0;
        lock (_txGate)
        {
            if (!_started || _disposed || _media is null || _encoder is null)
            {
                return;
            }

            if (_firstTick < 0)
            {
                _firstTick = tickIndex;
            }

            // The RTP clock follows the playout clock: a skipped tick leaves a timestamp gap
            // (time passed) but no sequence gap (nothing was lost).
            uint timestamp = unchecked(_rtp.InitialTimestamp + (uint)((tickIndex - _firstTick) * TimestampsPerTick));
            if (_media.Direction.CanSend())
            {
                completed = SendLocked(timestamp, out mark);
            }
            else
            {
                // On hold the bot's audio still runs in real time; it just is not heard.
                if (_queue.TryDequeue(out (AudioFrame Frame, uint Mark) held))
                {
                    mark = held.Mark;
                }

                completed = FailDtmfLocked();
            }
        }

        completed?.TrySetResult();
        if (mark != 0)
        {
            MarkPlayed?.Invoke(mark, _time.GetUtcNow());
        }

        _rtp.DrainReceived();
        AudioFrame frame;
        lock (_rxGate)
        {
            if (_disposed)
            {
                return;
            }

            // Drain the buffer even when we do not expect audio, so whatever a held peer still
            // sends does not pile up; it is just not passed on.
            AudioFrame? decoded = _jitterBuffer?.Get();
            frame = _media!.Direction.CanReceive() ? decoded ?? AudioFrame.Silence : AudioFrame.Silence;
        }

        if (ReceivedSink is { } sink)
        {
            sink(frame);
        }
        else
        {
            _received.Writer.TryWrite(frame);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<TaskCompletionSource> pending = [];
        lock (_txGate)
        {
            lock (_rxGate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _queue.Clear();
                if (_dtmfInProgress is not null)
                {
                    pending.Add(_dtmfInProgress);
                }

                pending.AddRange(_dtmfQueue.Select(d => d.Done));
                _dtmfQueue.Clear();
            }
        }

        _scheduler.Unregister(this);
        foreach (TaskCompletionSource done in pending)
        {
            done.TrySetCanceled();
        }

        _received.Writer.TryComplete();
        await _rtp.DisposeAsync();
        lock (_txGate)
        {
            lock (_rxGate)
            {
                _jitterBuffer?.Dispose();
                (_jitterBuffer?.Codec as IDisposable)?.Dispose();
                (_encoder as IDisposable)?.Dispose();
                _jitterBuffer = null;
                _encoder = null;
            }
        }
    }

    private TaskCompletionSource? SendLocked(uint timestamp, out uint mark)
    {
        mark = 0;
        if (!_dtmfSender.IsActive && _dtmfQueue.TryDequeue(out (char Digit, TimeSpan Duration, TaskCompletionSource Done) next))
        {
            _dtmfSender.Start(next.Digit, next.Duration);
            _dtmfInProgress = next.Done;
        }

        if (_dtmfSender.IsActive)
        {
            // RFC 4733 §2.5.1: while the event lasts its packets replace audio; queued bot audio
            // waits rather than being lost.
            _dtmfSender.TryNext(timestamp, _payload, out uint eventTimestamp, out bool eventMarker);
            _rtp.SendRtp(_eventPt, eventTimestamp, eventMarker, _payload.AsSpan(0, TelephoneEvent.Size));
            _markerNext = true;
            if (!_dtmfSender.IsActive)
            {
                TaskCompletionSource? done = _dtmfInProgress;
                _dtmfInProgress = null;
                return done;
            }

            return null;
        }

        AudioFrame? frame = null;
        if (_queue.TryDequeue(out (AudioFrame Frame, uint Mark) queued))
        {
            frame = queued.Frame;
            mark = queued.Mark;
        }

        if (frame is null && !_options.SendSilenceWhenIdle)
        {
            return null;
        }

        int length = _encoder!.Encode((frame ?? AudioFrame.Silence).Samples, _payload);
        bool marker = _markerNext;
        if (_rtp.SendRtp(_audioPt, timestamp, marker, _payload.AsSpan(0, length)))
        {
            _markerNext = false;
        }

        return null;
    }

    private TaskCompletionSource? FailDtmfLocked()
    {
        // Digits cannot be sent while we may not send; complete them rather than leave callers waiting.
        if (_dtmfInProgress is null && _dtmfQueue.TryDequeue(out (char Digit, TimeSpan Duration, TaskCompletionSource Done) next))
        {
            _logger.LogWarning("DTMF '{Digit}' dropped: media direction does not allow sending", next.Digit);
            return next.Done;
        }

        return null;
    }

    private void ApplyMediaLocked(NegotiatedMedia media)
    {
        bool codecChanged = _media is null || !string.Equals(_media.CodecName, media.CodecName, StringComparison.OrdinalIgnoreCase);
        if (codecChanged)
        {
            IAudioCodec encoder = _codecs.Create(media.CodecName);
            // Stateful codecs (G.722) need separate instances for each direction's state.
            IAudioCodec decoder = encoder is IDisposable ? _codecs.Create(media.CodecName) : encoder;
            _jitterBuffer?.Dispose();
            (_jitterBuffer?.Codec as IDisposable)?.Dispose();
            (_encoder as IDisposable)?.Dispose();
            _encoder = encoder;
            _jitterBuffer = new AdaptiveJitterBuffer(decoder, _time.TimestampFrequency, _options.JitterBufferMinDelayMs, _options.JitterBufferMaxDelayMs);
        }

        _audioPt = media.PayloadType;
        _eventPt = media.TelephoneEventPayloadType ?? -1;
        _media = media;
    }

    private void OnPacket(RtpPacket packet)
    {
        char? digit = null;
        lock (_rxGate)
        {
            if (_disposed || _jitterBuffer is null)
            {
                return;
            }

            if (_remoteSsrc != packet.Ssrc)
            {
                // A new source restarts numbering and timing: start the buffer over.
                if (_remoteSsrc is not null)
                {
                    _jitterBuffer.Reset();
                }

                _remoteSsrc = packet.Ssrc;
            }

            if (packet.PayloadType == _audioPt)
            {
                _jitterBuffer.Put(packet, _time.GetTimestamp());
            }
            else if (packet.PayloadType == _eventPt)
            {
                digit = _dtmfReceiver.Process(packet);
            }
        }

        if (digit is { } d)
        {
            Interlocked.Increment(ref _dtmfDigitsReceived);
            DtmfReceived?.Invoke(d);
        }
    }

    private static int[] PayloadTypes(NegotiatedMedia media) =>
        media.TelephoneEventPayloadType is { } te ? [media.PayloadType, te, 13] : [media.PayloadType, 13];
}
