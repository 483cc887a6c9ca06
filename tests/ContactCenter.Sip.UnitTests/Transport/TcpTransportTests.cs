using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Transport;

public class TcpTransportTests
{
    private static async Task<TcpClient> ConnectAsync(LoopbackTransport t)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(t.Layer.TcpEndPoint);
        return client;
    }

    private static string Tcp(string branch, string callId, string body = "") =>
        LoopbackTransport.Options($"SIP/2.0/TCP 192.0.2.9:5060;branch={branch}", callId: callId, body: body);

    /// <summary>Reads one framed SIP message from a raw TCP stream.</summary>
    private static async Task<SipMessage> ReadMessageAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(LoopbackTransport.Wait);
        var framer = new SipStreamFramer();
        var buffer = new byte[4096];
        while (true)
        {
            if (framer.TryReadMessage(out var message))
            {
                return SipParser.Parse(message, datagram: false).Message!;
            }

            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            framer.Append(buffer.AsSpan(0, read));
        }
    }

    [Fact]
    public async Task Two_messages_in_one_write_both_arrive()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = await ConnectAsync(t);

        var both = Encoding.UTF8.GetBytes(Tcp("z9hG4bK1", "one", body: "v=0\r\n") + Tcp("z9hG4bK2", "two"));
        await client.GetStream().WriteAsync(both);

        var first = await t.NextAsync();
        var second = await t.NextAsync();
        Assert.Equal("one", first.Message.CallId);
        Assert.Equal("v=0\r\n", Encoding.UTF8.GetString(first.Message.Body));
        Assert.Equal("two", second.Message.CallId);
        Assert.Equal(SipProtocol.Tcp, first.Source.Protocol);
        Assert.Equal(client.Client.LocalEndPoint, first.Source.EndPoint);
        Assert.Equal("127.0.0.1", first.Message.TopVia!.Received);
    }

    [Fact]
    public async Task One_message_in_three_writes_arrives_whole()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = await ConnectAsync(t);
        var bytes = Encoding.UTF8.GetBytes(Tcp("z9hG4bK3", "split", body: "hello"));
        var stream = client.GetStream();

        await stream.WriteAsync(bytes.AsMemory(0, 10));
        await stream.FlushAsync();
        await Task.Delay(50);
        await stream.WriteAsync(bytes.AsMemory(10, bytes.Length - 12));
        await stream.FlushAsync();
        Assert.True(await t.NothingWithinAsync(TimeSpan.FromMilliseconds(50)));
        await stream.WriteAsync(bytes.AsMemory(bytes.Length - 2));

        var incoming = await t.NextAsync();
        Assert.Equal("split", incoming.Message.CallId);
        Assert.Equal("hello", Encoding.UTF8.GetString(incoming.Message.Body));
    }

    [Fact]
    public async Task Message_split_inside_the_header_section_arrives_whole()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = await ConnectAsync(t);
        var bytes = Encoding.UTF8.GetBytes(Tcp("z9hG4bK9", "split-head"));
        var stream = client.GetStream();

        foreach (var (start, end) in new[] { (0, 7), (7, 60), (60, bytes.Length) })
        {
            await stream.WriteAsync(bytes.AsMemory(start, end - start));
            await stream.FlushAsync();
            await Task.Delay(30);
        }

        Assert.Equal("split-head", (await t.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task Response_goes_back_on_the_same_connection()
    {
        await using var t = await LoopbackTransport.StartAsync();
        t.OnMessage = m => t.Layer.SendAsync(SipResponse.CreateFor((SipRequest)m.Message, 200), m.Source);
        using var client = await ConnectAsync(t);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.UTF8.GetBytes(Tcp("z9hG4bK4", "same-conn")));

        var response = Assert.IsType<SipResponse>(await ReadMessageAsync(stream));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("same-conn", response.CallId);
        Assert.Equal(1, t.Layer.TcpConnectionCount);
    }

    [Fact]
    public async Task Double_crlf_ping_gets_a_crlf_pong()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var client = await ConnectAsync(t);
        var stream = client.GetStream();

        await stream.WriteAsync("\r\n\r\n"u8.ToArray());

        using var timeout = new CancellationTokenSource(LoopbackTransport.Wait);
        var pong = new byte[2];
        await stream.ReadExactlyAsync(pong, timeout.Token);
        Assert.Equal("\r\n"u8.ToArray(), pong);

        await stream.WriteAsync(Encoding.UTF8.GetBytes(Tcp("z9hG4bK5", "after-ping")));
        Assert.Equal("after-ping", (await t.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task Oversized_message_gets_413_and_the_connection_closes()
    {
        await using var t = await LoopbackTransport.StartAsync(o => o.MaxMessageBytes = 2048);
        using var client = await ConnectAsync(t);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.UTF8.GetBytes(Tcp("z9hG4bK6", "big", body: new string('x', 4000))));

        var response = Assert.IsType<SipResponse>(await ReadMessageAsync(stream));
        Assert.Equal(413, response.StatusCode);
        using var timeout = new CancellationTokenSource(LoopbackTransport.Wait);
        var rest = new byte[16];
        Assert.Equal(0, await stream.ReadAsync(rest, timeout.Token));
    }

    [Fact]
    public async Task Idle_connection_is_closed()
    {
        await using var t = await LoopbackTransport.StartAsync(o => o.TcpIdleTimeout = TimeSpan.FromMilliseconds(200));
        using var client = await ConnectAsync(t);

        using var timeout = new CancellationTokenSource(LoopbackTransport.Wait);
        Assert.Equal(0, await client.GetStream().ReadAsync(new byte[16], timeout.Token));
    }

    [Fact]
    public async Task Requests_to_a_new_peer_open_a_connection_that_also_receives()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        var peerEndPoint = (IPEndPoint)peer.LocalEndpoint;

        var request = SipParser.Parse(Encoding.UTF8.GetBytes(Tcp("z9hG4bK7", "outbound"))).Message!;
        await t.Layer.SendAsync(request, new SipEndPoint(SipProtocol.Tcp, peerEndPoint));

        using var accepted = await peer.AcceptTcpClientAsync();
        var stream = accepted.GetStream();
        var received = Assert.IsType<SipRequest>(await ReadMessageAsync(stream));
        Assert.Equal("outbound", received.CallId);

        var reply = SipResponse.CreateFor(received, 200);
        await stream.WriteAsync(reply.ToBytes());
        var incoming = await t.NextAsync();
        Assert.Equal(200, Assert.IsType<SipResponse>(incoming.Message).StatusCode);
        Assert.Equal(peerEndPoint, incoming.Source.EndPoint);
    }

    [Fact]
    public async Task Sending_to_a_closed_port_throws()
    {
        await using var t = await LoopbackTransport.StartAsync();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();

        var request = SipParser.Parse(Encoding.UTF8.GetBytes(Tcp("z9hG4bK8", "nowhere"))).Message!;

        await Assert.ThrowsAsync<SocketException>(async () =>
            await t.Layer.SendAsync(request, new SipEndPoint(SipProtocol.Tcp, closed)));
    }
}
