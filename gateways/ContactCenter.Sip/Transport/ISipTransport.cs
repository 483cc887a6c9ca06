using System.Net;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Sip.Transport;

/// <summary>One listening socket of one protocol (the UDP socket or the TCP listener of <see cref="SipTransportLayer"/>).</summary>
public interface ISipTransport : IAsyncDisposable
{
    IPEndPoint LocalEndPoint { get; }

    SipProtocol Protocol { get; }

    ValueTask SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raised, after the transport layer's checks, for every message handed up. An observation
    /// point only: the layer's <see cref="SipTransportLayer.OnMessage"/> hook is the delivery path.
    /// </summary>
    event Action<SipMessage, SipEndPoint>? MessageReceived;
}
