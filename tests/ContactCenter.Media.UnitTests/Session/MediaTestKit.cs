using System.Net;
using ContactCenter.Media.Playout;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Sdp;

namespace ContactCenter.Media.UnitTests.Session;

/// <summary>Shared plumbing for the loopback tests.</summary>
internal static class MediaTestKit
{
    /// <summary>
    /// A private slice of 50 port pairs per test, below the gateway's default 20000-29999 so a
    /// gateway or load test running on the same host does not starve these tests; a port
    /// someone else holds is skipped by the session's bind retry anyway.
    /// </summary>
    public static RtpPortAllocator Ports()
    {
        int start = 10000 + (Random.Shared.Next(0, 99) * 100);
        return new RtpPortAllocator(start, start + 99, () => null);
    }

    public static NegotiatedMedia To(IPEndPoint remote, MediaDirection direction = MediaDirection.SendRecv, string codec = "PCMU", int payloadType = 0, int? telephoneEvent = 101) =>
        new(remote, new IPEndPoint(remote.Address, remote.Port + 1), codec, payloadType, telephoneEvent, direction);

    public static bool WaitUntil(Func<bool> condition, int milliseconds = 3000) =>
        SpinWait.SpinUntil(condition, TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>A playout clock that never sleeps: each tick runs as soon as the test asks.</summary>
    public sealed class InstantClock : IPlayoutClock
    {
        private long _now;

        public long Frequency => 1_000_000;

        public long GetTimestamp() => _now;

        public void WaitUntil(long timestamp, CancellationToken cancellationToken) => _now = Math.Max(_now, timestamp);
    }

    public static PlayoutScheduler ManualScheduler() => new(null, new InstantClock(), null, autoStart: false);
}
