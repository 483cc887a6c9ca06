using System.Globalization;
using System.Text;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// Netstring framing (<c>&lt;length&gt;:&lt;bytes&gt;,</c>, length in decimal bytes) as baresip's
/// ctrl_tcp module speaks it around each JSON command, response and event.
/// </summary>
public static class Netstring
{
    /// <summary>Longest payload accepted; anything bigger means the stream is out of step.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    public static byte[] Encode(string payload)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var prefix = Encoding.ASCII.GetBytes(body.Length.ToString(CultureInfo.InvariantCulture) + ":");
        var frame = new byte[prefix.Length + body.Length + 1];
        prefix.CopyTo(frame, 0);
        body.CopyTo(frame, prefix.Length);
        frame[^1] = (byte)',';
        return frame;
    }

    /// <summary>
    /// Decodes the first complete frame of <paramref name="buffer"/>. Returns false when more
    /// bytes are needed; throws <see cref="FormatException"/> when the bytes are not a netstring.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, out string payload, out int consumed)
    {
        payload = string.Empty;
        consumed = 0;
        var colon = buffer.IndexOf((byte)':');
        if (colon < 0)
        {
            if (buffer.Length > 10)
            {
                throw new FormatException("netstring length prefix too long or missing ':'");
            }

            foreach (var b in buffer)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    throw new FormatException($"netstring length has a non-digit byte 0x{b:x2}");
                }
            }

            return false;
        }

        if (colon == 0)
        {
            throw new FormatException("netstring has an empty length");
        }

        var length = 0L;
        foreach (var b in buffer[..colon])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw new FormatException($"netstring length has a non-digit byte 0x{b:x2}");
            }

            length = (length * 10) + (b - '0');
            if (length > MaxPayloadBytes)
            {
                throw new FormatException($"netstring payload longer than {MaxPayloadBytes} bytes");
            }
        }

        var end = colon + 1 + (int)length;
        if (buffer.Length < end + 1)
        {
            return false;
        }

        if (buffer[end] != (byte)',')
        {
            throw new FormatException("netstring does not end with ','");
        }

        payload = Encoding.UTF8.GetString(buffer.Slice(colon + 1, (int)length));
        consumed = end + 1;
        return true;
    }
}
