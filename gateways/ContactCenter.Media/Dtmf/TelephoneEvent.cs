using System.Buffers.Binary;

namespace ContactCenter.Media.Dtmf;

/// <summary>
/// The RFC 4733 §2.3 telephone-event payload: event code (8 bits), end bit, reserved bit,
/// volume (6 bits, -dBm0) and duration (16 bits, in RTP timestamp units).
/// </summary>
/// <param name="Event">Event code; 0-15 are the DTMF digits 0-9 * # A-D (RFC 4733 §3.2).</param>
/// <param name="End">E bit: the last packet(s) of the event.</param>
/// <param name="Volume">Power level as a positive number of -dBm0 (0-63).</param>
/// <param name="Duration">Duration so far, in timestamp units from the event's timestamp.</param>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Payload size in bytes.</summary>
    public const int Size = 4;

    private const string Digits = "0123456789*#ABCD";

    /// <summary>The DTMF digit for <see cref="Event"/>, or null for a non-DTMF event.</summary>
    public char? Digit => ToDigit(Event);

    /// <summary>Parses a payload (extra bytes — RFC 4733 §2.5.1.5 redundancy is not used here — are ignored).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        if (payload.Length < Size)
        {
            value = default;
            return false;
        }

        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4-byte payload.</summary>
    public void WriteTo(Span<byte> payload)
    {
        payload[0] = Event;
        payload[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(payload[2..], Duration);
    }

    /// <summary>Maps a DTMF digit (0-9 * # A-D, case-insensitive) to its event code.</summary>
    public static bool TryGetEvent(char digit, out byte eventCode)
    {
        int index = Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        eventCode = (byte)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>Maps an event code to its DTMF digit, or null when it is not 0-15.</summary>
    public static char? ToDigit(int eventCode) => eventCode is >= 0 and < 16 ? Digits[eventCode] : null;

    /// <summary>True for 0-9 * # A-D.</summary>
    public static bool IsDtmfDigit(char digit) => TryGetEvent(digit, out _);
}
