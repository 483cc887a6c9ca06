namespace ContactCenter.Sip.Parsing;

/// <summary>What <see cref="SipStreamFramer.TryRead"/> produced.</summary>
public enum SipFrameKind
{
    /// <summary>No complete message buffered yet.</summary>
    NeedMoreData,

    /// <summary>One whole message (headers plus Content-Length body bytes).</summary>
    Message,

    /// <summary>A CRLFCRLF keep-alive ping (RFC 5626 §3.5.1); answer with a CRLF pong.</summary>
    KeepAlive,

    /// <summary>The stream cannot be framed any more (oversized or unframeable message); close it.</summary>
    Error,
}
