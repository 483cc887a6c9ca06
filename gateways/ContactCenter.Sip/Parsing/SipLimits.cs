namespace ContactCenter.Sip.Parsing;

/// <summary>Size limits applied to SIP messages on every transport.</summary>
public static class SipLimits
{
    /// <summary>
    /// Largest message we accept. RFC 3261 §18.1.1 caps UDP near the MTU only for sending;
    /// 64 KiB is the largest UDP datagram and a sane bound for TCP framing as well.
    /// </summary>
    public const int MaxMessageBytes = 65536;

    /// <summary>Upper bound on header lines in one message; defends against header floods.</summary>
    public const int MaxHeaderCount = 256;
}
