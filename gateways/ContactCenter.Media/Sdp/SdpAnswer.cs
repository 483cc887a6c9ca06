namespace ContactCenter.Media.Sdp;

/// <summary>Result of answering an offer (RFC 3264 §6).</summary>
/// <param name="Accepted">False when no audio stream has a common codec: send 488 Not Acceptable Here (RFC 3261 §21.4.26).</param>
/// <param name="Answer">The answer SDP when accepted.</param>
/// <param name="Media">The negotiated audio stream when accepted.</param>
/// <param name="RejectReason">Why it was not accepted (for the log and a Warning header).</param>
public sealed record SdpAnswer(bool Accepted, SessionDescription? Answer, NegotiatedMedia? Media, string? RejectReason)
{
    internal static SdpAnswer Reject(string reason) => new(false, null, null, reason);
}
