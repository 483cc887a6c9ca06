using System.Diagnostics;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.JitterBuffer;

/// <summary>
/// Receive-side jitter buffer for one audio stream, read once per 20 ms playout tick.
/// <para>
/// Packets are stored by extended sequence number (so reordering and duplicates are handled in
/// O(1)) and played by RTP timestamp: a playout cursor, in timestamp units, advances 160 per
/// frame. A missing packet is concealed. Whether the cursor moves past it depends on how much
/// audio is already buffered behind it: with at least the target delay in hand the packet is
/// declared lost; otherwise the buffer waits (the concealed frame is inserted and the delay
/// grows by one frame), so a packet that is merely late still gets played.
/// </para>
/// <para>
/// The target delay follows the measured jitter: the spread (max - min) of the transit time
/// (arrival minus RTP timestamp) over the last 100 packets, rounded up to whole frames, plus one
/// frame, between the configured minimum (20 ms) and maximum (200 ms). It grows the moment
/// jittery packets arrive and shrinks once they have left the window. Excess delay is removed
/// one frame per second when the buffer never ran below target plus a frame during that second,
/// and at talk-spurt starts (marker bit, RFC 3551 §4.1) the cursor re-aligns to the target.
/// </para>
/// Not thread-safe: the owner serialises <see cref="Put"/> and <see cref="Get"/>.
/// </summary>
public sealed class AdaptiveJitterBuffer : IDisposable
{
    private const int FrameSamples = AudioFrame.SampleCount;
    private const int SlotCount = 64;
    private const int SlotMask = SlotCount - 1;
    private const int MaxPacketSamples = 960;
    private const int TransitWindow = 100;
    private const int CompressionWindow = 50;
    private const int LongSilenceFrames = 50;
    private const int MaxMisorder = 100;

    // A timestamp jump larger than this with no sequence gap is the sender's silence
    // suppression (or a clock jump): re-align instead of playing out the gap.
    private const int MaxFillGap = 3 * FrameSamples;

    private readonly IAudioCodec _codec;
    private readonly double _ticksToMs;
    private readonly int _minDelaySamples;
    private readonly int _maxDelaySamples;
    private readonly PacketLossConcealer _concealer;
    private readonly Slot[] _slots = new Slot[SlotCount];
    private readonly short[] _pcm = new short[MaxPacketSamples];
    private readonly double[] _transit = new double[TransitWindow];

    private bool _started;
    private bool _playing;
    private long _highestSeq;
    private long _highestTs;
    private long _nextSeq;
    private long _cursor;
    private long _maxTsEnd;
    private int _pcmOffset;
    private int _pcmCount;
    private long _skip;
    private int _transitCount;
    private int _transitNext;
    private int _targetSamples;
    private long _minLevel = long.MaxValue;
    private int _levelFrames;
    private int _silentFrames;
    private uint? _badSequence;

    /// <summary>Creates a buffer that decodes with <paramref name="codec"/> (a per-stream instance).</summary>
    /// <param name="codec">The stream's decoder.</param>
    /// <param name="timestampFrequency">Units per second of the arrival times given to <see cref="Put"/> (default <see cref="Stopwatch.Frequency"/>).</param>
    /// <param name="minDelayMs">Smallest target delay (20 ms).</param>
    /// <param name="maxDelayMs">Largest target delay (200 ms).</param>
    /// <param name="useSpanDspConcealment">Use spandsp's PLC when the library is present.</param>
    public AdaptiveJitterBuffer(IAudioCodec codec, long timestampFrequency = 0, int minDelayMs = 20, int maxDelayMs = 200, bool useSpanDspConcealment = true)
    {
        _codec = codec;
        _ticksToMs = 1000.0 / (timestampFrequency > 0 ? timestampFrequency : Stopwatch.Frequency);
        _minDelaySamples = Math.Max(FrameSamples, RoundUpToFrame(minDelayMs * 8));
        _maxDelaySamples = Math.Max(_minDelaySamples, RoundUpToFrame(maxDelayMs * 8));
        _targetSamples = _minDelaySamples;
        _concealer = new PacketLossConcealer(useSpanDspConcealment);
        for (int i = 0; i < SlotCount; i++)
        {
            _slots[i].Sequence = -1;
        }
    }

    /// <summary>The codec packets are decoded with.</summary>
    public IAudioCodec Codec => _codec;

    /// <summary>Current target delay in ms (20-200), from the measured jitter.</summary>
    public int TargetDelayMs => _targetSamples / 8;

    /// <summary>Audio buffered ahead of the playout cursor, in ms.</summary>
    public int BufferedMs => _started ? (int)Math.Max(0, (_maxTsEnd - _cursor) / 8) : 0;

    /// <summary>Packets accepted into the buffer.</summary>
    public long PacketsAccepted { get; private set; }

    /// <summary>Frames (or parts of frames) synthesised for lost or late packets.</summary>
    public long ConcealedFrames { get; private set; }

    /// <summary>Packets that arrived after their playout time and were dropped.</summary>
    public long LatePackets { get; private set; }

    /// <summary>Duplicate packets dropped.</summary>
    public long DuplicatePackets { get; private set; }

    /// <summary>Packets declared lost (the buffer moved past them).</summary>
    public long LostPackets { get; private set; }

    /// <summary>True when spandsp's PLC conceals losses.</summary>
    public bool UsesSpanDspConcealment => _concealer.UsesSpanDsp;

    /// <summary>
    /// Adds a packet of this stream's audio payload type. The payload is copied, so the packet
    /// may point into a reusable receive buffer.
    /// </summary>
    /// <param name="packet">The RTP packet.</param>
    /// <param name="arrivalTicks">Arrival time, in the frequency given at construction.</param>
    public void Put(RtpPacket packet, long arrivalTicks)
    {
        ReadOnlySpan<byte> payload = packet.Payload.Span;
        int samples = payload.IsEmpty ? 0 : _codec.GetSampleCount(payload.Length);
        if (samples is <= 0 or > MaxPacketSamples)
        {
            return;
        }

        if (!_started)
        {
            Begin(packet);
        }

        long sequence = _highestSeq + (short)(packet.SequenceNumber - (ushort)_highestSeq);
        long timestamp = _highestTs + unchecked((int)(packet.Timestamp - (uint)_highestTs));
        if (sequence < _nextSeq - MaxMisorder || sequence >= _nextSeq + SlotCount)
        {
            // Far outside the window: a restart of the sender's numbering, or a gap too long to
            // bridge. As in RFC 3550 A.1, believe it once a second packet follows in sequence.
            if (_badSequence == packet.SequenceNumber)
            {
                Reset();
                Begin(packet);
                sequence = _highestSeq;
                timestamp = _highestTs;
            }
            else
            {
                _badSequence = (ushort)(packet.SequenceNumber + 1);
                return;
            }
        }

        _badSequence = null;
        ref Slot slot = ref _slots[sequence & SlotMask];
        if (slot.Sequence == sequence)
        {
            // Still held, or already played (slots keep their number until reused).
            DuplicatePackets++;
            return;
        }

        if (sequence < _nextSeq)
        {
            LatePackets++;
            return;
        }

        slot.Sequence = sequence;
        slot.Timestamp = timestamp;
        slot.Marker = packet.Marker;
        if (slot.Data is null || slot.Data.Length < payload.Length)
        {
            slot.Data = new byte[Math.Max(payload.Length, FrameSamples)];
        }

        payload.CopyTo(slot.Data);
        slot.Length = payload.Length;
        PacketsAccepted++;

        if (sequence > _highestSeq)
        {
            _highestSeq = sequence;
            _highestTs = timestamp;
        }

        _maxTsEnd = Math.Max(_maxTsEnd, timestamp + samples);
        AddTransit((arrivalTicks * _ticksToMs) - (timestamp / 8.0));
    }

    /// <summary>
    /// The next 20 ms of audio: decoded, concealed, or silence while waiting out the target
    /// delay. Null before the first packet and after a second without any (the buffer then
    /// starts over with the next packet).
    /// </summary>
    public AudioFrame? Get()
    {
        var samples = new short[FrameSamples];
        return GetInto(samples) ? AudioFrame.Wrap(samples) : null;
    }

    /// <summary>Forgets all packets and timing (new source, or a session change).</summary>
    public void Reset()
    {
        for (int i = 0; i < SlotCount; i++)
        {
            _slots[i].Sequence = -1;
        }

        _started = false;
        _playing = false;
        _pcmCount = 0;
        _pcmOffset = 0;
        _skip = 0;
        _transitCount = 0;
        _transitNext = 0;
        _targetSamples = _minDelaySamples;
        _minLevel = long.MaxValue;
        _levelFrames = 0;
        _silentFrames = 0;
        _badSequence = null;
    }

    public void Dispose() => _concealer.Dispose();

    /// <summary>Fills 160 samples; false (and nothing written) when there is nothing to play.</summary>
    internal bool GetInto(Span<short> output)
    {
        if (!_started)
        {
            return false;
        }

        int filled = 0;
        bool real = false;
        while (filled < FrameSamples)
        {
            int need = FrameSamples - filled;
            if (_pcmCount > 0)
            {
                if (_skip > 0)
                {
                    int drop = (int)Math.Min(_skip, _pcmCount);
                    _pcmOffset += drop;
                    _pcmCount -= drop;
                    _skip -= drop;
                    _cursor += drop;
                    continue;
                }

                int n = Math.Min(need, _pcmCount);
                _pcm.AsSpan(_pcmOffset, n).CopyTo(output[filled..]);
                _pcmOffset += n;
                _pcmCount -= n;
                _cursor += n;
                filled += n;
                real = true;
                continue;
            }

            ref Slot slot = ref _slots[_nextSeq & SlotMask];
            if (slot.Sequence == _nextSeq)
            {
                long gap = slot.Timestamp - _cursor;
                if (gap > 0)
                {
                    if (slot.Marker || gap > MaxFillGap || !_playing)
                    {
                        // Stream start, talk-spurt start or silence suppression: re-align so
                        // this packet plays after the target delay instead of playing out the
                        // silent gap, and fill the wait with silence (nothing was lost).
                        _cursor = Math.Max(_cursor, slot.Timestamp - (_targetSamples - FrameSamples));
                        slot.Marker = false;
                        int silent = (int)Math.Min(need, slot.Timestamp - _cursor);
                        if (silent > 0)
                        {
                            output.Slice(filled, silent).Clear();
                            filled += silent;
                            _cursor += silent;
                        }

                        continue;
                    }

                    int fill = (int)Math.Min(need, gap);
                    _concealer.Conceal(output.Slice(filled, fill));
                    ConcealedFrames++;
                    filled += fill;
                    _cursor += fill;
                    continue;
                }

                int decoded = _codec.Decode(slot.Data.AsSpan(0, slot.Length), _pcm);
                _nextSeq++;
                _playing = true;
                _concealer.Received(_pcm.AsSpan(0, decoded));
                int stale = (int)Math.Min(decoded, -gap);
                _pcmOffset = stale;
                _pcmCount = decoded - stale;
                continue;
            }

            if (_highestSeq > _nextSeq && _maxTsEnd - _cursor >= _targetSamples)
            {
                // Enough audio is buffered behind the hole: the packet is later than any jitter
                // we have seen, so call it lost and conceal up to the next packet we hold.
                long next = _nextSeq + 1;
                while (next < _highestSeq && _slots[next & SlotMask].Sequence != next)
                {
                    next++;
                }

                LostPackets += next - _nextSeq;
                _nextSeq = next;
                continue;
            }

            // Underflow: conceal this frame without moving the cursor, so the missing packet
            // still plays if it turns up; the delay grows by what we inserted.
            _concealer.Conceal(output.Slice(filled, need));
            ConcealedFrames++;
            filled += need;
        }

        TrackLevel(_maxTsEnd - _cursor);
        if (real)
        {
            _silentFrames = 0;
        }
        else if (++_silentFrames >= LongSilenceFrames && _highestSeq < _nextSeq)
        {
            Reset();
        }

        return true;
    }

    private void Begin(RtpPacket packet)
    {
        _started = true;
        _highestSeq = packet.SequenceNumber;
        _highestTs = packet.Timestamp;
        _nextSeq = _highestSeq;
        _cursor = _highestTs - (_targetSamples - FrameSamples);
        _maxTsEnd = _highestTs;
        _silentFrames = 0;
    }

    // Level = audio held beyond the cursor after a frame was taken. The target delay is one
    // frame (the one playing) plus this much extra.
    private void TrackLevel(long level)
    {
        long extra = _targetSamples - FrameSamples;
        if (level > _maxDelaySamples)
        {
            // A burst (the network released a queue): drop down to the target at once rather
            // than carry the extra delay for seconds.
            _skip = Math.Max(_skip, level - extra);
        }

        _minLevel = Math.Min(_minLevel, level);
        if (++_levelFrames < CompressionWindow)
        {
            return;
        }

        if (_minLevel >= extra + FrameSamples && _skip == 0)
        {
            _skip = FrameSamples;
        }

        _minLevel = long.MaxValue;
        _levelFrames = 0;
    }

    private void AddTransit(double transitMs)
    {
        _transit[_transitNext] = transitMs;
        _transitNext = (_transitNext + 1) % TransitWindow;
        _transitCount = Math.Min(_transitCount + 1, TransitWindow);
        double min = double.MaxValue;
        double max = double.MinValue;
        for (int i = 0; i < _transitCount; i++)
        {
            min = Math.Min(min, _transit[i]);
            max = Math.Max(max, _transit[i]);
        }

        int jitterSamples = RoundUpToFrame((int)Math.Ceiling((max - min) * 8));
        _targetSamples = Math.Clamp(jitterSamples + FrameSamples, _minDelaySamples, _maxDelaySamples);
    }

    private static int RoundUpToFrame(int samples) => (samples + FrameSamples - 1) / FrameSamples * FrameSamples;

    private struct Slot
    {
        public long Sequence;
        public long Timestamp;
        public int Length;
        public bool Marker;
        public byte[] Data;
    }
}
