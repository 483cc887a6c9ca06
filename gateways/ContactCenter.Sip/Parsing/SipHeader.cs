namespace ContactCenter.Sip.Parsing;

/// <summary>One header field line: canonical full name and its (unfolded, trimmed) value.</summary>
public readonly record struct SipHeader(string Name, string Value)
{
    public override string ToString() => Name + ": " + Value;
}
