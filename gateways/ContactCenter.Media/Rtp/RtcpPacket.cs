using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// Base of the RTCP packets this gateway reads and writes (RFC 3550 §6.4-6.6). Every packet
/// starts with the same 4 bytes: V=2, P, a 5-bit count, the packet type and the length in
/// 32-bit words minus one.
/// </summary>
public abstract class RtcpPacket
{
    /// <summary>The packet type.</summary>
    public abstract RtcpPacketType PacketType { get; }

    /// <summary>Serialised length in bytes (a multiple of 4).</summary>
    public abstract int Length { get; }

    /// <summary>Serialises into <paramref name="destination"/>; returns the bytes written.</summary>
    public abstract int WriteTo(Span<byte> destination);

    /// <summary>Serialises into a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    internal static void WriteCommonHeader(Span<byte> destination, int count, RtcpPacketType type, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"RTCP packet needs {length} bytes, the buffer has {destination.Length}.", nameof(destination));
        }

        destination[0] = (byte)((RtpPacket.RtpVersion << 6) | (count & 0x1F));
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }
}
