using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Transport;

/// <summary>What the transaction layer needs from a transport: send one message somewhere.</summary>
public interface ISipMessageSender
{
    /// <summary>
    /// Sends a message. For responses over UDP the transport may route by the top Via
    /// (RFC 3261 §18.2.2, RFC 3581 §4); over TCP it reuses the connection to <paramref name="remote"/>.
    /// Throws on transport failure (the transaction layer turns that into 503, RFC 3261 §17.1.4).
    /// </summary>
    ValueTask SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken = default);
}
