namespace ContactCenter.Sip.Parsing;

/// <summary>SIP method names (RFC 3261 §7.1 and the extensions this gateway knows).</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Update = "UPDATE";
    public const string Refer = "REFER";
    public const string Notify = "NOTIFY";
    public const string Subscribe = "SUBSCRIBE";
    public const string Prack = "PRACK";
    public const string Message = "MESSAGE";

    /// <summary>Returns the interned constant for a well-known method (case-sensitive, RFC 3261 §7.1), else the input.</summary>
    public static string Intern(string method) => method switch
    {
        Invite => Invite,
        Ack => Ack,
        Bye => Bye,
        Cancel => Cancel,
        Options => Options,
        Register => Register,
        Info => Info,
        Update => Update,
        Refer => Refer,
        Notify => Notify,
        Subscribe => Subscribe,
        Prack => Prack,
        Message => Message,
        _ => method,
    };

    /// <summary>True for the methods listed here (RFC 3261 §7.1 plus known extensions).</summary>
    public static bool IsKnown(string method) => method is Invite or Ack or Bye or Cancel
        or Options or Register or Info or Update or Refer or Notify or Subscribe or Prack or Message;

    internal static string? FromBytes(ReadOnlySpan<byte> method) => method.Length switch
    {
        3 when method.SequenceEqual("ACK"u8) => Ack,
        3 when method.SequenceEqual("BYE"u8) => Bye,
        4 when method.SequenceEqual("INFO"u8) => Info,
        5 when method.SequenceEqual("REFER"u8) => Refer,
        5 when method.SequenceEqual("PRACK"u8) => Prack,
        6 when method.SequenceEqual("INVITE"u8) => Invite,
        6 when method.SequenceEqual("CANCEL"u8) => Cancel,
        6 when method.SequenceEqual("UPDATE"u8) => Update,
        6 when method.SequenceEqual("NOTIFY"u8) => Notify,
        7 when method.SequenceEqual("OPTIONS"u8) => Options,
        7 when method.SequenceEqual("MESSAGE"u8) => Message,
        8 when method.SequenceEqual("REGISTER"u8) => Register,
        9 when method.SequenceEqual("SUBSCRIBE"u8) => Subscribe,
        _ => null,
    };
}
