using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Dtmf;

/// <summary>
/// Produces the RFC 4733 packet train for one digit, one packet per 20 ms playout tick: every
/// packet carries the event's start timestamp (§2.5.1.1), the first has the marker bit
/// (§2.5.1.2), the duration grows by 160 per packet, and the end is sent three times with the
/// E bit and the final duration (§2.5.1.4: retransmitted for robustness against loss).
/// Not thread-safe: the session's playout tick drives it.
/// </summary>
public sealed class DtmfSender
{
    /// <summary>Timestamp units per packet (20 ms at 8 kHz).</summary>
    public const int PacketInterval = 160;

    /// <summary>How many times the end packet is sent.</summary>
    public const int EndPackets = 3;

    private readonly byte _volume;
    private byte _event;
    private int _totalDuration;
    private int _sent;
    private int _endsSent;
    private uint _timestamp;
    private bool _started;

    /// <summary>Creates a sender with the given volume (-dBm0, RFC 4733 §2.3.4; 10 is a typical keypad level).</summary>
    public DtmfSender(byte volume = 10)
    {
        _volume = (byte)Math.Min(volume, (byte)63);
    }

    /// <summary>True while a digit is being sent.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Starts a digit; its packets come from <see cref="TryNext"/>. Duration is rounded up to 20 ms, between 40 ms and 8 s.</summary>
    public void Start(char digit, TimeSpan duration)
    {
        if (!TelephoneEvent.TryGetEvent(digit, out byte code))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit (0-9 * # A-D).", nameof(digit));
        }

        int units = (int)Math.Ceiling(Math.Clamp(duration.TotalMilliseconds, 40, 8000) * 8 / PacketInterval) * PacketInterval;
        _event = code;
        _totalDuration = Math.Min(units, 65535 / PacketInterval * PacketInterval);
        _sent = 0;
        _endsSent = 0;
        _started = false;
        IsActive = true;
    }

    /// <summary>
    /// Writes the next packet's payload (4 bytes). <paramref name="currentTimestamp"/> is the
    /// stream's RTP timestamp for this tick; the first call fixes the event timestamp to it.
    /// Returns false when no digit is active.
    /// </summary>
    public bool TryNext(uint currentTimestamp, Span<byte> payload, out uint eventTimestamp, out bool marker)
    {
        eventTimestamp = _timestamp;
        marker = false;
        if (!IsActive)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            _timestamp = currentTimestamp;
            eventTimestamp = currentTimestamp;
            marker = true;
        }

        int duration = Math.Min((_sent + 1) * PacketInterval, _totalDuration);
        bool end = duration >= _totalDuration;
        new TelephoneEvent(_event, end, _volume, (ushort)duration).WriteTo(payload);
        _sent++;
        if (end && ++_endsSent >= EndPackets)
        {
            IsActive = false;
        }

        return true;
    }

    /// <summary>The whole packet train for one digit (for tests and tools; the session uses <see cref="TryNext"/>).</summary>
    public static IReadOnlyList<RtpPacket> CreatePackets(char digit, TimeSpan duration, int payloadType, ushort firstSequence, uint timestamp, uint ssrc, byte volume = 10)
    {
        var sender = new DtmfSender(volume);
        sender.Start(digit, duration);
        var packets = new List<RtpPacket>();
        ushort sequence = firstSequence;
        uint tick = timestamp;
        while (true)
        {
            var payload = new byte[TelephoneEvent.Size];
            if (!sender.TryNext(tick, payload, out uint eventTimestamp, out bool marker))
            {
                break;
            }

            packets.Add(new RtpPacket(payloadType, sequence++, eventTimestamp, ssrc, payload, marker));
            tick += PacketInterval;
        }

        return packets;
    }
}
