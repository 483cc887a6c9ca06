using System.Diagnostics;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// Receive-side statistics for one RTP source, exactly as RFC 3550 Appendix A describes them:
/// A.1 sequence tracking (probation before a source counts, 16-bit wrap-around cycles, a restart
/// recognised after two sequential packets following a large jump), A.3 cumulative and
/// interval loss, A.8 interarrival jitter. Not thread-safe; the owner serialises calls.
/// </summary>
public sealed class RtpReceiverStatistics
{
    private const int RtpSeqMod = 1 << 16;
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;

    private readonly int _clockRate;
    private readonly double _ticksToClock;
    private readonly int _minSequential;

    private bool _initialised;
    private ushort _maxSeq;
    private uint _cycles;
    private uint _baseSeq;
    private uint _badSeq;
    private int _probation;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;

    private bool _haveTransit;
    private double _lastArrival;
    private uint _lastTimestamp;
    private double _jitter;

    /// <summary>Creates statistics for a source.</summary>
    /// <param name="clockRate">RTP clock rate (jitter is measured in these units).</param>
    /// <param name="timestampFrequency">Units per second of the arrival timestamps passed to <see cref="Update"/> (default: <see cref="Stopwatch.Frequency"/>).</param>
    /// <param name="minSequential">RFC 3550 A.1 MIN_SEQUENTIAL: packets in sequence before the source is valid (2).</param>
    public RtpReceiverStatistics(int clockRate = 8000, long timestampFrequency = 0, int minSequential = 2)
    {
        _clockRate = clockRate;
        _ticksToClock = clockRate / (double)(timestampFrequency > 0 ? timestampFrequency : Stopwatch.Frequency);
        _minSequential = Math.Max(1, minSequential);
    }

    /// <summary>Packets counted as received by A.1 (after probation; duplicates count, as in the RFC).</summary>
    public long Received => _received;

    /// <summary>First sequence number counted (A.1 base_seq).</summary>
    public uint BaseSequence => _baseSeq;

    /// <summary>A.1 extended highest sequence number: cycles in the high bits, max_seq in the low 16.</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSeq;

    /// <summary>A.3 expected = extended max - base + 1 (0 while in probation).</summary>
    public long Expected => _received == 0 && _probation > 0 ? 0 : (long)ExtendedHighestSequence - _baseSeq + 1;

    /// <summary>A.3 cumulative loss (negative when duplicates outnumber losses).</summary>
    public long Lost => Expected - _received;

    /// <summary>The fraction lost in the last interval closed by <see cref="CreateReportBlock"/> (0..1).</summary>
    public double FractionLost { get; private set; }

    /// <summary>A.8 interarrival jitter in timestamp units.</summary>
    public double Jitter => _jitter;

    /// <summary>A.8 interarrival jitter in milliseconds.</summary>
    public double JitterMs => _jitter * 1000.0 / _clockRate;

    /// <summary>True once the source passed probation.</summary>
    public bool IsValid => _initialised && _probation == 0;

    /// <summary>
    /// Accounts for one packet. Returns false when A.1 says the packet is not (yet) valid: in
    /// probation, or the first packet after a large sequence jump.
    /// </summary>
    /// <param name="sequence">The packet's sequence number.</param>
    /// <param name="rtpTimestamp">The packet's RTP timestamp.</param>
    /// <param name="arrivalTimestamp">Arrival time in the unit given at construction.</param>
    public bool Update(ushort sequence, uint rtpTimestamp, long arrivalTimestamp)
    {
        if (!_initialised)
        {
            // A.1: a new source starts in probation with max_seq one below its first packet.
            InitSequence(sequence);
            _maxSeq = (ushort)(sequence - 1);
            _probation = _minSequential;
            _initialised = true;
        }

        if (!UpdateSequence(sequence))
        {
            return false;
        }

        UpdateJitter(rtpTimestamp, arrivalTimestamp);
        return true;
    }

    /// <summary>
    /// Closes a reporting interval (A.3) and returns the report block for <paramref name="ssrc"/>.
    /// </summary>
    public RtcpReportBlock CreateReportBlock(uint ssrc, uint lastSenderReport = 0, uint delaySinceLastSenderReport = 0)
    {
        long expected = Expected;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        long lostInterval = expectedInterval - receivedInterval;
        _expectedPrior = expected;
        _receivedPrior = _received;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        FractionLost = fraction / 256.0;
        return new RtcpReportBlock(
            ssrc,
            fraction,
            (int)Math.Clamp(Lost, -0x800000, 0x7FFFFF),
            ExtendedHighestSequence,
            (uint)_jitter,
            lastSenderReport,
            delaySinceLastSenderReport);
    }

    private void InitSequence(ushort sequence)
    {
        _baseSeq = sequence;
        _maxSeq = sequence;
        _badSeq = RtpSeqMod + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    // RFC 3550 A.1 update_seq.
    private bool UpdateSequence(ushort sequence)
    {
        ushort delta = (ushort)(sequence - _maxSeq);
        if (_probation > 0)
        {
            if (sequence == (ushort)(_maxSeq + 1))
            {
                _probation--;
                _maxSeq = sequence;
                if (_probation == 0)
                {
                    InitSequence(sequence);
                    _received++;
                    return true;
                }
            }
            else
            {
                _probation = _minSequential - 1;
                _maxSeq = sequence;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            if (sequence < _maxSeq)
            {
                // In order with a permissible gap, and the 16-bit counter wrapped.
                _cycles += RtpSeqMod;
            }

            _maxSeq = sequence;
        }
        else if (delta <= RtpSeqMod - MaxMisorder)
        {
            if (sequence == _badSeq)
            {
                // Two sequential packets after a big jump: the other side restarted without
                // telling us, so re-synchronise.
                InitSequence(sequence);
                _haveTransit = false;
            }
            else
            {
                _badSeq = (uint)((sequence + 1) & (RtpSeqMod - 1));
                return false;
            }
        }

        // Otherwise a duplicate or a reordered packet: counted, as in the RFC.
        _received++;
        return true;
    }

    // RFC 3550 A.8: J += (|D(i-1,i)| - J) / 16, D being the change in transit time.
    private void UpdateJitter(uint rtpTimestamp, long arrivalTimestamp)
    {
        double arrival = arrivalTimestamp * _ticksToClock;
        if (_haveTransit)
        {
            // Transit difference computed as a difference of differences so the 32-bit RTP
            // timestamp may wrap.
            double d = (arrival - _lastArrival) - unchecked((int)(rtpTimestamp - _lastTimestamp));
            _jitter += (Math.Abs(d) - _jitter) / 16.0;
        }

        _haveTransit = true;
        _lastArrival = arrival;
        _lastTimestamp = rtpTimestamp;
    }
}
