using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Transport;

public class TransportMetricsTests
{
    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }
        }
    }

    [Fact]
    public async Task Counters_are_published_on_the_ContactCenter_Sip_meter()
    {
        using var factory = new TestMeterFactory();
        await using var layer = new SipTransportLayer(
            new SipTransportOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) },
            NullLogger<SipTransportLayer>.Instance,
            factory);
        await layer.StartAsync();
        var meter = Assert.Single(factory.Meters);
        Assert.Equal("ContactCenter.Sip", meter.Name);

        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (totals)
            {
                totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        var received = new TaskCompletionSource();
        layer.OnMessage = _ =>
        {
            received.TrySetResult();
            return ValueTask.CompletedTask;
        };
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[] { 0xFF, 0xFE }, layer.UdpEndPoint);
        await client.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKm1")), layer.UdpEndPoint);
        await received.Task.WaitAsync(LoopbackTransport.Wait);

        lock (totals)
        {
            Assert.Equal(2, totals["sip.transport.received"]);
            Assert.Equal(1, totals["sip.transport.dropped"]);
            Assert.Equal(1, totals["sip.transport.parse_errors"]);
        }
    }
}
