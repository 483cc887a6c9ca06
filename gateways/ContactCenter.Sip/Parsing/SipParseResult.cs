namespace ContactCenter.Sip.Parsing;

/// <summary>
/// Outcome of <see cref="SipParser.Parse(ReadOnlySpan{byte})"/>: exactly one of a parsed <see cref="Message"/>, an
/// answerable <see cref="Error"/>, or <see cref="Drop"/>.
/// </summary>
public sealed class SipParseResult
{
    private SipParseResult(SipMessage? message, SipParseError? error, string? dropReason)
    {
        Message = message;
        Error = error;
        DropReason = dropReason;
    }

    public SipMessage? Message { get; }

    /// <summary>Set when the bytes are a request that is bad but answerable (Error.Request is never null).</summary>
    public SipParseError? Error { get; }

    /// <summary>True when nothing may be sent back: unparseable, a bad response, no usable Via, a keep-alive.</summary>
    public bool Drop => Message is null && Error is null;

    /// <summary>Why the input was dropped (for logs and counters); null unless <see cref="Drop"/>.</summary>
    public string? DropReason { get; }

    public bool IsSuccess => Message is not null;

    public static SipParseResult Success(SipMessage message) => new(message, null, null);

    public static SipParseResult Failed(SipParseError error) =>
        error.Request is null ? new(null, null, error.Detail) : new(null, error, null);

    public static SipParseResult Dropped(string reason) => new(null, null, reason);

    public override string ToString() =>
        Message is not null ? "Message" : Error is not null ? "Error " + Error : "Drop (" + DropReason + ")";
}
