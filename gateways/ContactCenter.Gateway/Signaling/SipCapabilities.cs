namespace ContactCenter.Gateway.Signaling;

/// <summary>What this user agent supports, advertised in OPTIONS answers, INVITE answers and our requests (RFC 3261 §11).</summary>
public static class SipCapabilities
{
    public const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REFER, NOTIFY";
    public const string Accept = "application/sdp, application/dtmf-relay, application/dtmf, message/sipfrag";
    public const string Supported = "timer";
    public const string UserAgent = "ContactCenter-Gateway/1.0";
}
