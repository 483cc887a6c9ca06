namespace ContactCenter.Gateway.Calls;

/// <summary>Where a call is in its life (RFC 3261 §13: early, confirmed, terminated).</summary>
public enum CallState
{
    /// <summary>INVITE received, 180 sent, not yet answered.</summary>
    Ringing,

    /// <summary>200 OK sent, waiting for the ACK (§13.3.1.4).</summary>
    Answered,

    /// <summary>ACK received: the dialog is confirmed.</summary>
    Confirmed,

    /// <summary>Over: BYE, CANCEL, timeout or transfer.</summary>
    Ended,
}
