namespace ContactCenter.Sip.Transport;

/// <summary>Transport protocols this stack speaks (RFC 3261 §18).</summary>
public enum SipProtocol
{
    Udp,
    Tcp,
}
