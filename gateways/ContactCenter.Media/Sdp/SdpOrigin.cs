namespace ContactCenter.Media.Sdp;

/// <summary>RFC 4566 §5.2 origin line: "o=username sess-id sess-version nettype addrtype address".</summary>
public sealed record SdpOrigin(
    string Username,
    string SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    /// <summary>Parses the text after "o=".</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpOrigin? origin, out string? error)
    {
        origin = null;
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            error = $"o= line needs 6 fields (username sess-id sess-version nettype addrtype address), got {parts.Length}: '{text}'";
            return false;
        }

        if (!ulong.TryParse(parts[2], System.Globalization.NumberStyles.None, null, out ulong version))
        {
            error = $"o= line session version is not a number: '{parts[2]}'";
            return false;
        }

        origin = new SdpOrigin(parts[0], parts[1], version, parts[3], parts[4], parts[5]);
        error = null;
        return true;
    }

    /// <summary>The line without "o=".</summary>
    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}
