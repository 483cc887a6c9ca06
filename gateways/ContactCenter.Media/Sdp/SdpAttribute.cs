namespace ContactCenter.Media.Sdp;

/// <summary>An RFC 4566 §5.13 attribute line: "a=name" (property) or "a=name:value".</summary>
/// <param name="Name">Attribute name, e.g. "rtpmap".</param>
/// <param name="Value">Value after the colon, or null for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>Parses the text after "a=".</summary>
    public static SdpAttribute Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SdpAttribute(text.Trim()) : new SdpAttribute(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    /// <summary>The line without "a=".</summary>
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
