using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Dtmf;

/// <summary>
/// Turns RFC 4733 telephone-event packets into digits, each reported exactly once and in order.
/// An event is identified by its RTP timestamp (RFC 4733 §2.5.1.1: every packet of one event
/// carries the timestamp of its start), so the digit is reported on the first packet seen with
/// a new timestamp — the start packet normally, or any later one (an update or one of the three
/// end packets) when the start was lost — and everything else with that timestamp is ignored.
/// Not thread-safe.
/// </summary>
public sealed class DtmfReceiver
{
    private const int History = 8;

    private readonly uint[] _recent = new uint[History];
    private int _recentCount;
    private int _recentNext;
    private uint? _ssrc;

    private bool _haveCurrent;
    private uint _currentTimestamp;
    private byte _currentEvent;
    private ushort _currentDuration;
    private bool _currentEnded;

    /// <summary>Digits reported so far.</summary>
    public long DigitsReceived { get; private set; }

    /// <summary>Feeds one packet with the telephone-event payload type; returns the digit when this packet reports a new one.</summary>
    public char? Process(in RtpPacket packet)
    {
        if (!TelephoneEvent.TryParse(packet.Payload.Span, out TelephoneEvent telephoneEvent))
        {
            return null;
        }

        if (_ssrc != packet.Ssrc)
        {
            Reset();
            _ssrc = packet.Ssrc;
        }

        uint timestamp = packet.Timestamp;
        if (_haveCurrent && timestamp == _currentTimestamp)
        {
            _currentDuration = Math.Max(_currentDuration, telephoneEvent.Duration);
            _currentEnded |= telephoneEvent.End;
            return null;
        }

        if (Seen(timestamp))
        {
            // A retransmitted end packet of an earlier event arriving late.
            return null;
        }

        // RFC 4733 §2.5.1.3: an event longer than the 16-bit duration continues in a new segment
        // whose timestamp is the old one plus the old duration; it is the same key press.
        bool continuation = _haveCurrent && !_currentEnded && telephoneEvent.Event == _currentEvent
            && timestamp == unchecked(_currentTimestamp + _currentDuration);

        Remember(timestamp);
        _haveCurrent = true;
        _currentTimestamp = timestamp;
        _currentEvent = telephoneEvent.Event;
        _currentDuration = telephoneEvent.Duration;
        _currentEnded = telephoneEvent.End;
        if (continuation || telephoneEvent.Digit is not { } digit)
        {
            return null;
        }

        DigitsReceived++;
        return digit;
    }

    /// <summary>Forgets all events (new source).</summary>
    public void Reset()
    {
        _recentCount = 0;
        _recentNext = 0;
        _haveCurrent = false;
    }

    private bool Seen(uint timestamp)
    {
        for (int i = 0; i < _recentCount; i++)
        {
            if (_recent[i] == timestamp)
            {
                return true;
            }
        }

        return false;
    }

    private void Remember(uint timestamp)
    {
        _recent[_recentNext] = timestamp;
        _recentNext = (_recentNext + 1) % History;
        _recentCount = Math.Min(_recentCount + 1, History);
    }
}
