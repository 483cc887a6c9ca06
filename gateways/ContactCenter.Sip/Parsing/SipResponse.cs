using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>A SIP response (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatus.ReasonFor(statusCode);
    }

    public int StatusCode { get; set; }

    public string ReasonPhrase { get; set; }

    public override bool IsRequest => false;

    public bool IsProvisional => StatusCode is >= 100 and < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsFinal => StatusCode >= 200;

    /// <summary>
    /// Builds a response to <paramref name="request"/> per RFC 3261 §8.2.6.2: copies every Via in
    /// order, From, To, Call-ID and CSeq. Adding a To tag is the caller's job.
    /// </summary>
    public static SipResponse CreateFor(SipRequest request, int statusCode, string? reason = null)
    {
        var response = new SipResponse(statusCode, reason);
        foreach (var header in request.Headers)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.Via) ||
                string.Equals(header.Name, SipHeaderNames.Via, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.AddCanonical(SipHeaderNames.Via, header.Value);
            }
        }

        Copy(request, response, SipHeaderNames.From);
        Copy(request, response, SipHeaderNames.To);
        Copy(request, response, SipHeaderNames.CallId);
        Copy(request, response, SipHeaderNames.CSeq);
        return response;

        static void Copy(SipRequest from, SipResponse to, string name)
        {
            var value = from.Headers.Get(name);
            if (value is not null)
            {
                to.Headers.AddCanonical(name, value);
            }
        }
    }

    protected override void AppendStartLine(StringBuilder sb) =>
        sb.Append(SipVersion).Append(' ').Append(StatusCode).Append(' ').Append(ReasonPhrase);

    public override SipMessage Clone() => CloneResponse();

    /// <summary>Typed deep copy.</summary>
    public SipResponse CloneResponse()
    {
        var copy = new SipResponse(StatusCode, ReasonPhrase);
        CopyTo(copy);
        return copy;
    }
}
