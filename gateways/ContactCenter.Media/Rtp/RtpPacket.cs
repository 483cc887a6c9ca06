using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// An RTP data packet (RFC 3550 §5.1). A struct, and <see cref="TryParse"/> does not copy: the
/// payload (and extension) refer to the parsed buffer, so receiving costs no allocation; a
/// consumer that keeps the packet past the buffer's lifetime must copy the payload (the jitter
/// buffer does).
/// </summary>
public readonly struct RtpPacket
{
    /// <summary>Fixed header length (RFC 3550 §5.1) without CSRCs or extension.</summary>
    public const int HeaderLength = 12;

    /// <summary>The only RTP version (RFC 3550 §5.1: V=2).</summary>
    public const int RtpVersion = 2;

    /// <summary>Creates a packet to send.</summary>
    public RtpPacket(int payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, ReadOnlyMemory<byte> payload, bool marker = false)
    {
        if (payloadType is < 0 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "RTP payload types are 7 bits.");
        }

        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
        Marker = marker;
    }

    /// <summary>Marker bit (audio: first packet of a talk spurt; RFC 4733: first packet of an event).</summary>
    public bool Marker { get; init; }

    /// <summary>Payload type (7 bits).</summary>
    public int PayloadType { get; init; }

    /// <summary>Sequence number (increments by one per packet, wraps at 65535).</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Sampling instant of the first payload octet, in clock-rate units.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Synchronisation source.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Contributing sources (RFC 3550 §5.1, at most 15).</summary>
    public IReadOnlyList<uint> Csrcs { get => field ?? []; init; }

    /// <summary>True when the header extension bit is set (RFC 3550 §5.3.1).</summary>
    public bool HasExtension { get; init; }

    /// <summary>The extension's profile-defined 16 bits.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>The extension's data (a whole number of 32-bit words).</summary>
    public ReadOnlyMemory<byte> ExtensionData { get; init; }

    /// <summary>Padding octets after the payload (the last of them holds the count); 0 for none.</summary>
    public int PaddingLength { get; init; }

    /// <summary>True when the padding bit is set.</summary>
    public bool HasPadding => PaddingLength > 0;

    /// <summary>The payload, without padding.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Serialised length in bytes.</summary>
    public int Length => HeaderLength + (4 * Csrcs.Count) + (HasExtension ? 4 + ExtensionData.Length : 0) + Payload.Length + PaddingLength;

    /// <summary>
    /// Parses a datagram. Never throws: returns false for anything that is not a well-formed
    /// RTP packet, including RTCP (RFC 5761 §4: payload types 72-76 collide with RTCP packet types).
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> datagram, out RtpPacket packet)
    {
        packet = default;
        ReadOnlySpan<byte> data = datagram.Span;
        if (data.Length < HeaderLength || (data[0] >> 6) != RtpVersion)
        {
            return false;
        }

        bool padding = (data[0] & 0x20) != 0;
        bool extension = (data[0] & 0x10) != 0;
        int csrcCount = data[0] & 0x0F;
        int payloadType = data[1] & 0x7F;
        if (payloadType is >= 72 and <= 76)
        {
            return false;
        }

        int offset = HeaderLength + (4 * csrcCount);
        if (data.Length < offset)
        {
            return false;
        }

        uint[]? csrcs = null;
        if (csrcCount > 0)
        {
            csrcs = new uint[csrcCount];
            for (int i = 0; i < csrcCount; i++)
            {
                csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(data[(HeaderLength + (4 * i))..]);
            }
        }

        ushort profile = 0;
        ReadOnlyMemory<byte> extensionData = default;
        if (extension)
        {
            if (data.Length < offset + 4)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int words = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            offset += 4;
            if (data.Length < offset + (4 * words))
            {
                return false;
            }

            extensionData = datagram.Slice(offset, 4 * words);
            offset += 4 * words;
        }

        int end = data.Length;
        int paddingLength = 0;
        if (padding)
        {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            paddingLength = data[^1];
            if (paddingLength == 0 || end - paddingLength < offset)
            {
                return false;
            }

            end -= paddingLength;
        }

        packet = new RtpPacket
        {
            Marker = (data[1] & 0x80) != 0,
            PayloadType = payloadType,
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            Csrcs = csrcs ?? [],
            HasExtension = extension,
            ExtensionProfile = profile,
            ExtensionData = extensionData,
            PaddingLength = paddingLength,
            Payload = datagram[offset..end],
        };
        return true;
    }

    /// <summary>Serialises into <paramref name="destination"/>; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        int length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"RTP packet needs {length} bytes, the buffer has {destination.Length}.", nameof(destination));
        }

        if (Csrcs.Count > 15)
        {
            throw new InvalidOperationException("RTP carries at most 15 CSRCs.");
        }

        if ((ExtensionData.Length & 3) != 0 || PaddingLength > 255)
        {
            throw new InvalidOperationException("RTP extensions are whole 32-bit words and padding is at most 255 octets.");
        }

        WriteHeader(destination, Marker, PayloadType, SequenceNumber, Timestamp, Ssrc);
        destination[0] |= (byte)((HasPadding ? 0x20 : 0) | (HasExtension ? 0x10 : 0) | Csrcs.Count);
        int offset = HeaderLength;
        foreach (uint csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        if (HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(ExtensionData.Length / 4));
            offset += 4;
            ExtensionData.Span.CopyTo(destination[offset..]);
            offset += ExtensionData.Length;
        }

        Payload.Span.CopyTo(destination[offset..]);
        offset += Payload.Length;
        if (PaddingLength > 0)
        {
            destination.Slice(offset, PaddingLength - 1).Clear();
            destination[offset + PaddingLength - 1] = (byte)PaddingLength;
            offset += PaddingLength;
        }

        return offset;
    }

    /// <summary>Serialises into a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes the 12-byte fixed header (no CSRC, extension or padding): the send path's allocation-free form.</summary>
    internal static void WriteHeader(Span<byte> destination, bool marker, int payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        destination[0] = RtpVersion << 6;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
    }
}
