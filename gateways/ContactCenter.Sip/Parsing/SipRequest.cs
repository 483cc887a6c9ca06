using System.Text;

namespace ContactCenter.Sip.Parsing;

/// <summary>A SIP request (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, SipUri requestUri)
    {
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>Method token, case-sensitive (RFC 3261 §7.1).</summary>
    public string Method { get; set; }

    public SipUri RequestUri { get; set; }

    public override bool IsRequest => true;

    protected override void AppendStartLine(StringBuilder sb)
    {
        sb.Append(Method).Append(' ');
        RequestUri.AppendTo(sb);
        sb.Append(' ').Append(SipVersion);
    }

    public override SipMessage Clone() => CloneRequest();

    /// <summary>Typed deep copy.</summary>
    public SipRequest CloneRequest()
    {
        var copy = new SipRequest(Method, RequestUri);
        CopyTo(copy);
        return copy;
    }
}
