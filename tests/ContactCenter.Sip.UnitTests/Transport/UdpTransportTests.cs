using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Transport;

public class UdpTransportTests
{
    private static async Task<string> ReceiveTextAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(LoopbackTransport.Wait);
        var result = await client.ReceiveAsync(timeout.Token);
        return Encoding.UTF8.GetString(result.Buffer);
    }

    private static SipResponse ParseResponse(string text) =>
        Assert.IsType<SipResponse>(SipParser.Parse(Encoding.UTF8.GetBytes(text)).Message);

    [Fact]
    public async Task Request_arrives_parsed_with_received_and_rport_filled()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var bytes = Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKa;rport"));
        await client.SendAsync(bytes, t.Layer.UdpEndPoint);

        var incoming = await t.NextAsync();
        var request = Assert.IsType<SipRequest>(incoming.Message);
        Assert.Equal(SipMethods.Options, request.Method);
        Assert.Equal("127.0.0.1", request.TopVia!.Received);
        Assert.Equal(clientPort, request.TopVia.Rport);
        Assert.Equal(new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, clientPort)), incoming.Source);
        Assert.Equal(SipProtocol.Udp, incoming.Local.Protocol);
        Assert.Equal(1, t.Layer.Statistics.Received);
    }

    [Fact]
    public async Task Sent_by_equal_to_the_source_without_rport_gets_no_received()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var bytes = Encoding.UTF8.GetBytes(LoopbackTransport.Options($"SIP/2.0/UDP 127.0.0.1:{clientPort};branch=z9hG4bKb"));
        await client.SendAsync(bytes, t.Layer.UdpEndPoint);

        var via = (await t.NextAsync()).Message.TopVia!;
        Assert.Null(via.Received);
        Assert.False(via.HasRport);
    }

    [Fact]
    public async Task Answerable_bad_request_gets_400_with_a_to_tag()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        // CSeq method differs from the request method (RFC 4475 §3.1.2.17).
        var bytes = Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKc;rport", cseqMethod: "INVITE"));
        await client.SendAsync(bytes, t.Layer.UdpEndPoint);

        var response = ParseResponse(await ReceiveTextAsync(client));
        Assert.Equal(400, response.StatusCode);
        Assert.NotNull(response.To!.Tag);
        Assert.Equal("c1", response.CallId);
        Assert.Equal("z9hG4bKc", response.TopVia!.Branch);
        Assert.True(await t.NothingWithinAsync(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(1, t.Layer.Statistics.ParseErrors);
    }

    [Fact]
    public async Task Unsupported_method_is_answered_by_the_validator_with_405_and_Allow()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var bytes = Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKd;rport", "REGISTER", "REGISTER"));
        await client.SendAsync(bytes, t.Layer.UdpEndPoint);

        var response = ParseResponse(await ReceiveTextAsync(client));
        Assert.Equal(405, response.StatusCode);
        Assert.Contains("INVITE", response.Headers.Get("Allow"), StringComparison.Ordinal);
        Assert.True(await t.NothingWithinAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Datagram_over_the_limit_is_dropped_and_counted()
    {
        // IPv4 UDP cannot carry more than 65,507 bytes, so the 64 KiB default can never be
        // exceeded on loopback; a smaller configured limit exercises the same check.
        await using var t = await LoopbackTransport.StartAsync(o => o.MaxMessageBytes = 4096);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var big = LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKe;rport", body: new string('x', 5000));
        await client.SendAsync(Encoding.UTF8.GetBytes(big), t.Layer.UdpEndPoint);
        var small = LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKf;rport", callId: "after");
        await client.SendAsync(Encoding.UTF8.GetBytes(small), t.Layer.UdpEndPoint);

        // The loop survives the oversized datagram and delivers the next one.
        Assert.Equal("after", (await t.NextAsync()).Message.CallId);
        Assert.Equal(1, t.Layer.Statistics.Dropped);
        Assert.Equal(2, t.Layer.Statistics.Received);
    }

    [Fact]
    public async Task A_70_KB_message_never_gets_through()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var huge = Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKg", body: new string('x', 70 * 1024)));

        // The sending kernel refuses a datagram this large; if it ever left, the receiver drops it.
        try
        {
            await client.SendAsync(huge, t.Layer.UdpEndPoint);
        }
        catch (SocketException ex)
        {
            Assert.Equal(SocketError.MessageSize, ex.SocketErrorCode);
        }

        Assert.True(await t.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Garbage_is_dropped_and_the_loop_keeps_running_even_when_a_handler_throws()
    {
        await using var t = await LoopbackTransport.StartAsync();
        var calls = 0;
        t.OnMessage = _ => ++calls == 1 ? throw new InvalidOperationException("handler bug") : ValueTask.CompletedTask;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(new byte[] { 0x00, 0x01, 0xFF, 0x10 }, t.Layer.UdpEndPoint);
        await client.SendAsync("\r\n\r\n"u8.ToArray(), t.Layer.UdpEndPoint);
        await client.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKh", callId: "first")), t.Layer.UdpEndPoint);
        await client.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKi", callId: "second")), t.Layer.UdpEndPoint);

        Assert.Equal("second", (await t.NextAsync()).Message.CallId);
        Assert.Equal(1, t.Layer.Statistics.Dropped);
    }

    [Fact]
    public async Task Accept_filter_drops_before_the_message_is_handed_up()
    {
        await using var t = await LoopbackTransport.StartAsync();
        t.Layer.Accept = m => m.Message.CallId != "blocked";
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKj", callId: "blocked")), t.Layer.UdpEndPoint);
        await client.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKk", callId: "allowed")), t.Layer.UdpEndPoint);

        Assert.Equal("allowed", (await t.NextAsync()).Message.CallId);
        Assert.Equal(1, t.Layer.Statistics.Dropped);
    }

    [Fact]
    public async Task Response_goes_to_received_and_rport_when_rport_was_asked()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        t.OnMessage = m => t.Layer.SendAsync(SipResponse.CreateFor((SipRequest)m.Message, 200), m.Source);

        await client.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options("SIP/2.0/UDP 192.0.2.7:5999;branch=z9hG4bKl;rport")), t.Layer.UdpEndPoint);

        var response = ParseResponse(await ReceiveTextAsync(client));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, t.Layer.Statistics.Sent);
    }

    [Fact]
    public async Task Response_without_rport_goes_to_the_sent_by_port_per_18_2_2()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var listenerPort = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        t.OnMessage = m => t.Layer.SendAsync(SipResponse.CreateFor((SipRequest)m.Message, 200), m.Source);

        await sender.SendAsync(Encoding.UTF8.GetBytes(LoopbackTransport.Options($"SIP/2.0/UDP 127.0.0.1:{listenerPort};branch=z9hG4bKm")), t.Layer.UdpEndPoint);

        Assert.Equal(200, ParseResponse(await ReceiveTextAsync(listener)).StatusCode);
    }
}
