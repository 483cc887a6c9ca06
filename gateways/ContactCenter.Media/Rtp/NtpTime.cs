namespace ContactCenter.Media.Rtp;

/// <summary>64-bit NTP timestamps for RTCP (RFC 3550 §4: seconds since 1900-01-01 UTC, 32.32 fixed point).</summary>
internal static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ulong FromDateTime(DateTimeOffset time)
    {
        TimeSpan since = time - Epoch;
        ulong seconds = (ulong)since.Ticks / TimeSpan.TicksPerSecond;
        ulong remainder = (ulong)since.Ticks % TimeSpan.TicksPerSecond;
        ulong fraction = (remainder << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits (RFC 3550 §6.4.1 LSR: 16.16 fixed-point seconds).</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>A duration in 1/65536 s units (RFC 3550 §6.4.1 DLSR).</summary>
    public static uint ToShortUnits(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? 0 : (uint)Math.Min(uint.MaxValue, duration.Ticks * 65536 / TimeSpan.TicksPerSecond);
}
