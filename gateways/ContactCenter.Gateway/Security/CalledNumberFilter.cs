namespace ContactCenter.Gateway.Security;

/// <summary>The numbers this platform answers; the Request-URI user of an INVITE must be one of them.</summary>
public sealed class CalledNumberFilter
{
    private readonly HashSet<string> _numbers;
    private readonly bool _any;

    public CalledNumberFilter(IEnumerable<string> numbers)
    {
        _numbers = new HashSet<string>(numbers.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _any = _numbers.Contains("*");
    }

    public bool Accepts(string? calledUser) =>
        _any || (calledUser is not null && _numbers.Contains(Normalize(calledUser)));

    // Trunks differ in how they write E.164 numbers; visual separators never change the number (RFC 3966 §5.1.1).
    private static string Normalize(string number) =>
        new(number.Trim().Where(c => c is not ('-' or '.' or '(' or ')' or ' ')).ToArray());
}
