using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.UnitTests.Rtp;

public class RtpPortAllocatorTests
{
    private static readonly Func<(int Low, int High)?> LinuxDefault = () => (32768, 60999);

    [Fact]
    public void Hands_out_even_ports_round_robin_and_takes_them_back()
    {
        var ports = new RtpPortAllocator(20001, 20010, LinuxDefault);

        Assert.Equal(20002, ports.MinPort); // rounded up to even
        Assert.Equal(4, ports.Capacity);    // 20002/3, 20004/5, 20006/7, 20008/9
        int[] allocated = [ports.Allocate(), ports.Allocate(), ports.Allocate(), ports.Allocate()];
        Assert.Equal([20002, 20004, 20006, 20008], allocated);
        Assert.All(allocated, p => Assert.Equal(0, p % 2));
        Assert.False(ports.TryAllocate(out _));
        InvalidOperationException full = Assert.Throws<InvalidOperationException>(() => ports.Allocate());
        Assert.Contains("in use", full.Message, StringComparison.Ordinal);

        ports.Release(20004);
        ports.Release(20004); // twice is harmless
        ports.Release(12345); // foreign port is ignored
        Assert.Equal(3, ports.InUse);
        Assert.False(ports.IsAllocated(20004));
        Assert.Equal(20004, ports.Allocate());
    }

    [Fact]
    public void A_released_port_is_reused_last()
    {
        var ports = new RtpPortAllocator(30000, 30009, () => null);
        int first = ports.Allocate();
        ports.Release(first);
        Assert.NotEqual(first, ports.Allocate());
    }

    [Fact]
    public void Refuses_a_range_that_overlaps_the_ephemeral_range()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => new RtpPortAllocator(30000, 40000, LinuxDefault));
        Assert.Contains("32768-60999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ip_local_port_range", ex.Message, StringComparison.Ordinal);

        // Touching at one end is an overlap too.
        Assert.Throws<InvalidOperationException>(() => new RtpPortAllocator(20000, 32768, LinuxDefault));
        _ = new RtpPortAllocator(20000, 32767, LinuxDefault);
    }

    [Fact]
    public void Default_range_is_checked_against_this_hosts_kernel_setting()
    {
        (int Low, int High)? range = RtpPortAllocator.ReadKernelEphemeralRange();
        if (range is { } r && r.Low <= 29999 && r.High >= 20000)
        {
            Assert.Throws<InvalidOperationException>(() => new RtpPortAllocator());
        }
        else
        {
            Assert.Equal(5000, new RtpPortAllocator().Capacity);
        }
    }

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("1024 65535", 1024, 65535)]
    public void Parses_the_proc_file_format(string text, int low, int high)
    {
        Assert.Equal((low, high), RtpPortAllocator.ParseRange(text));
        Assert.Null(RtpPortAllocator.ParseRange("nonsense"));
    }

    [Fact]
    public void Rejects_nonsense_ranges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(30000, 20000, () => null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(80, 2000, () => null));
    }

    [Fact]
    public void Concurrent_allocation_never_hands_out_a_port_twice()
    {
        var ports = new RtpPortAllocator(20000, 21999, () => null);
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 1000, _ => seen.Add(ports.Allocate()));
        Assert.Equal(1000, seen.Distinct().Count());
    }
}
