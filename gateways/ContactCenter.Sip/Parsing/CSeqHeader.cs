namespace ContactCenter.Sip.Parsing;

/// <summary>CSeq header (RFC 3261 §8.1.1.5, §20.16): sequence number and method.</summary>
public sealed record CSeqHeader(uint Number, string Method)
{
    public static CSeqHeader Parse(string text) =>
        TryParse(text, out var value) ? value! : throw new FormatException("Invalid CSeq: " + text);

    public static bool TryParse(string? text, out CSeqHeader? value)
    {
        value = null;
        if (text is null)
        {
            return false;
        }

        var s = SipGrammar.TrimLws(text.AsSpan());
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        // RFC 3261 §8.1.1.5: the number MUST be expressible as a 32-bit unsigned integer.
        if (i == 0 || i > 10 || !uint.TryParse(s[..i], out var number))
        {
            return false;
        }

        var rest = s[i..];
        if (rest.IsEmpty || !SipGrammar.IsLws(rest[0]))
        {
            return false;
        }

        var method = SipGrammar.TrimLws(rest);
        if (!SipGrammar.IsToken(method))
        {
            return false;
        }

        value = new CSeqHeader(number, SipMethods.Intern(method.ToString()));
        return true;
    }

    public override string ToString() => Number.ToString() + " " + Method;
}
