namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// One RFC 4733 telephone-event packet seen on the wire. Event codes (RFC 4733 §3.2): 0-9 digits,
/// 10 '*', 11 '#', 12-15 A-D. All packets of one event share its RTP timestamp (§2.5.1.2: the
/// timestamp marks the event's start), and the end packet is sent three times (§2.5.1.4).
/// </summary>
public sealed record Rfc4733Event(int EventId, bool EndOfEvent, uint RtpTimestamp, uint Ssrc)
{
    /// <summary>One entry per event (packets grouped by SSRC + RTP timestamp), in wire order.</summary>
    public static IReadOnlyList<int> Distinct(IEnumerable<Rfc4733Event> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var seen = new HashSet<(uint, uint, int)>();
        var result = new List<int>();
        foreach (var packet in packets)
        {
            if (seen.Add((packet.Ssrc, packet.RtpTimestamp, packet.EventId)))
            {
                result.Add(packet.EventId);
            }
        }

        return result;
    }

    /// <summary>The digit for an event code, e.g. 11 → '#'.</summary>
    public static char ToDigit(int eventId) => eventId switch
    {
        >= 0 and <= 9 => (char)('0' + eventId),
        10 => '*',
        11 => '#',
        >= 12 and <= 15 => (char)('A' + eventId - 12),
        _ => '?',
    };
}
