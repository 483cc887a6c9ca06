namespace ContactCenter.Sip.Parsing;

/// <summary>
/// A request that is bad but can be answered: send <see cref="StatusCode"/> built from
/// <see cref="Request"/> (RFC 3261 §8.2.6.2) with <see cref="ExtraHeaders"/> added.
/// </summary>
public sealed class SipParseError
{
    public SipParseError(int statusCode, string reason, SipRequest? request, IReadOnlyList<SipHeader>? extraHeaders = null, string? detail = null)
    {
        StatusCode = statusCode;
        Reason = reason;
        Request = request;
        ExtraHeaders = extraHeaders ?? [];
        Detail = detail ?? reason;
    }

    /// <summary>Status code to answer with (400, 505, 416, 420, 415, 405, 406, 413, 501 ...).</summary>
    public int StatusCode { get; }

    /// <summary>Reason phrase for the response.</summary>
    public string Reason { get; }

    /// <summary>Headers the response must carry (Unsupported for 420, Accept for 415, Allow for 405).</summary>
    public IReadOnlyList<SipHeader> ExtraHeaders { get; }

    /// <summary>Best-effort request with at least a usable top Via; From, To, Call-ID and CSeq as received.</summary>
    public SipRequest? Request { get; }

    /// <summary>True when this error cannot be answered (no request to answer); the parser never returns such errors.</summary>
    public bool Drop => Request is null;

    /// <summary>Diagnostic text for logs (not sent on the wire).</summary>
    public string Detail { get; }

    /// <summary>
    /// Builds the response: Via, From, To, Call-ID, CSeq copied (RFC 3261 §8.2.6.2), extra headers added,
    /// and a To tag added when the request had none and a tag is given.
    /// </summary>
    public SipResponse? CreateResponse(string? toTag = null)
    {
        if (Request is null)
        {
            return null;
        }

        var response = SipResponse.CreateFor(Request, StatusCode, Reason);
        if (toTag is not null && response.To is { } to && to.Tag is null)
        {
            to.Tag = toTag;
            response.To = to;
        }

        foreach (var header in ExtraHeaders)
        {
            response.Headers.Add(header.Name, header.Value);
        }

        return response;
    }

    public override string ToString() => StatusCode.ToString() + " " + Reason + " (" + Detail + ")";
}
