using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Transport;

/// <summary>A parsed message as handed up by the transport layer.</summary>
/// <param name="Message">The request or response (requests already carry received/rport fixes).</param>
/// <param name="Source">Where the bytes really came from.</param>
/// <param name="Local">The local socket that received them.</param>
/// <param name="ReceivedAt">Arrival time.</param>
public sealed record IncomingMessage(SipMessage Message, SipEndPoint Source, SipEndPoint Local, DateTimeOffset ReceivedAt);
