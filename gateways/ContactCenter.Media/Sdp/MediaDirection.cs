namespace ContactCenter.Media.Sdp;

/// <summary>
/// RFC 4566 §6 / RFC 3264 §5.1 stream direction. The values are two bits (send = 1, receive = 2)
/// so answering (RFC 3264 §6.1) is a bit swap and combining wishes is a bitwise AND.
/// </summary>
public enum MediaDirection
{
    /// <summary>Neither send nor receive ("a=inactive").</summary>
    Inactive = 0,

    /// <summary>Send only ("a=sendonly"): what a UA offers to put the other side on hold.</summary>
    SendOnly = 1,

    /// <summary>Receive only ("a=recvonly").</summary>
    RecvOnly = 2,

    /// <summary>Send and receive ("a=sendrecv", the default).</summary>
    SendRecv = 3,
}
