using System.Net;

namespace ContactCenter.Media.Sdp;

/// <summary>
/// The outcome of an offer/answer exchange for the one audio stream a call carries, seen from
/// our side: where to send, which payload types, and whether we may send and should expect to receive.
/// </summary>
/// <param name="RemoteRtp">Peer's RTP address from SDP (0.0.0.0 for a legacy hold); latching may replace it.</param>
/// <param name="RemoteRtcp">Peer's RTCP address: RFC 3605 a=rtcp, else RTP port + 1 (RFC 3550 §11).</param>
/// <param name="CodecName">Encoding name of the chosen codec ("PCMU", "PCMA", "G722").</param>
/// <param name="PayloadType">Payload type of the codec as negotiated (the offer's number).</param>
/// <param name="TelephoneEventPayloadType">RFC 4733 payload type, or null when DTMF goes by SIP INFO only.</param>
/// <param name="Direction">Our direction: <c>CanSend()</c> means we send RTP, <c>CanReceive()</c> that we expect it.</param>
/// <param name="PtimeMs">Packetisation time the peer asked for (we always send 20 ms).</param>
public sealed record NegotiatedMedia(
    IPEndPoint RemoteRtp,
    IPEndPoint RemoteRtcp,
    string CodecName,
    int PayloadType,
    int? TelephoneEventPayloadType,
    MediaDirection Direction,
    int PtimeMs = 20)
{
    /// <summary>True when the peer's address is the RFC 2543 null address: nothing may be sent.</summary>
    public bool RemoteIsNull => RemoteRtp.Address.Equals(IPAddress.Any) || RemoteRtp.Address.Equals(IPAddress.IPv6Any);
}
