using System.Globalization;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// Hands out RTP ports from a configured range: always even, with the odd port above it for
/// RTCP (RFC 3550 §11). Allocation is round-robin so a just-released port is the last to be
/// reused and late packets of an ended call do not land in the next one. Thread-safe.
/// </summary>
/// <remarks>
/// The range must not overlap the kernel's ephemeral range: the kernel hands those ports to
/// outgoing connections (gRPC, HTTP, the database), which would then make RTP binds fail at
/// random under load. The constructor refuses such a configuration with the fix in the message.
/// </remarks>
public sealed class RtpPortAllocator
{
    /// <summary>Where Linux keeps the ephemeral port range.</summary>
    public const string EphemeralRangePath = "/proc/sys/net/ipv4/ip_local_port_range";

    private readonly Lock _gate = new();
    private readonly bool[] _inUse;
    private int _cursor;
    private int _count;

    /// <summary>Creates an allocator for [<paramref name="minPort"/>, <paramref name="maxPort"/>].</summary>
    /// <param name="minPort">Lowest port (rounded up to even).</param>
    /// <param name="maxPort">Highest port (the last pair's RTCP port must fit).</param>
    /// <param name="ephemeralRange">
    /// Reads the kernel's ephemeral range; null (default) reads <see cref="EphemeralRangePath"/>.
    /// The function may return null when the range is unknown (not Linux): no check then.
    /// </param>
    public RtpPortAllocator(int minPort = 20000, int maxPort = 29999, Func<(int Low, int High)?>? ephemeralRange = null)
    {
        if (minPort is < 1024 or > 65534 || maxPort is < 1025 or > 65535 || maxPort <= minPort)
        {
            throw new ArgumentOutOfRangeException(nameof(minPort), $"RTP port range {minPort}-{maxPort} is invalid: it must lie within 1024-65535 and hold at least one even/odd pair.");
        }

        MinPort = (minPort + 1) & ~1;
        MaxPort = maxPort;
        int pairs = (MaxPort - MinPort + 1) / 2;
        if (pairs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPort), $"RTP port range {minPort}-{maxPort} holds no even/odd pair.");
        }

        (int Low, int High)? ephemeral = (ephemeralRange ?? ReadKernelEphemeralRange)();
        if (ephemeral is { } range && range.Low <= MaxPort && MinPort <= range.High)
        {
            throw new InvalidOperationException(
                $"RTP port range {MinPort}-{MaxPort} overlaps the kernel's ephemeral port range {range.Low}-{range.High} " +
                $"({EphemeralRangePath}); outgoing connections would steal RTP ports. Move the RTP range below {range.Low} " +
                $"(the default is 20000-29999) or narrow the ephemeral range with sysctl net.ipv4.ip_local_port_range.");
        }

        _inUse = new bool[pairs];
    }

    /// <summary>Lowest RTP port (even).</summary>
    public int MinPort { get; }

    /// <summary>Highest port of the range.</summary>
    public int MaxPort { get; }

    /// <summary>Number of RTP/RTCP pairs the range holds.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>Pairs currently allocated.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Allocates an even RTP port (RTCP is the port + 1); throws when the range is exhausted.</summary>
    public int Allocate() =>
        TryAllocate(out int port)
            ? port
            : throw new InvalidOperationException($"All {Capacity} RTP port pairs in {MinPort}-{MaxPort} are in use.");

    /// <summary>Allocates an even RTP port, or returns false when the range is exhausted.</summary>
    public bool TryAllocate(out int port)
    {
        lock (_gate)
        {
            for (int i = 0; i < _inUse.Length; i++)
            {
                int index = (_cursor + i) % _inUse.Length;
                if (!_inUse[index])
                {
                    _inUse[index] = true;
                    _count++;
                    _cursor = (index + 1) % _inUse.Length;
                    port = MinPort + (2 * index);
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Returns a port obtained from <see cref="Allocate"/>; releasing twice or a foreign port is ignored.</summary>
    public void Release(int port)
    {
        if (port < MinPort || port > MaxPort || (port & 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            int index = (port - MinPort) / 2;
            if (_inUse[index])
            {
                _inUse[index] = false;
                _count--;
            }
        }
    }

    /// <summary>True when the port is currently allocated.</summary>
    public bool IsAllocated(int port)
    {
        if (port < MinPort || port > MaxPort || (port & 1) != 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _inUse[(port - MinPort) / 2];
        }
    }

    /// <summary>Reads "low high" from <see cref="EphemeralRangePath"/>; null when it cannot be read.</summary>
    public static (int Low, int High)? ReadKernelEphemeralRange()
    {
        try
        {
            if (!File.Exists(EphemeralRangePath))
            {
                return null;
            }

            return ParseRange(File.ReadAllText(EphemeralRangePath));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static (int Low, int High)? ParseRange(string text)
    {
        string[] parts = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int high)
                ? (low, high)
                : null;
    }
}
