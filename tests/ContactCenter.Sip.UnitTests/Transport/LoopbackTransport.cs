using System.Net;
using System.Text;
using System.Threading.Channels;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UnitTests.Transport;

/// <summary>A started <see cref="SipTransportLayer"/> on 127.0.0.1 with an ephemeral port, collecting what it hands up.</summary>
public sealed class LoopbackTransport : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly Channel<IncomingMessage> _received = Channel.CreateUnbounded<IncomingMessage>();

    private LoopbackTransport(SipTransportLayer layer)
    {
        Layer = layer;
        Layer.OnMessage = async m =>
        {
            if (OnMessage is { } handler)
            {
                await handler(m);
            }

            await _received.Writer.WriteAsync(m);
        };
    }

    public SipTransportLayer Layer { get; }

    public Func<IncomingMessage, ValueTask>? OnMessage { get; set; }

    public static async Task<LoopbackTransport> StartAsync(Action<SipTransportOptions>? configure = null)
    {
        var options = new SipTransportOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) };
        configure?.Invoke(options);
        var layer = new SipTransportLayer(options, NullLogger<SipTransportLayer>.Instance);
        await layer.StartAsync();
        return new LoopbackTransport(layer);
    }

    public async Task<IncomingMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when nothing is handed up within <paramref name="quiet"/>.</summary>
    public async Task<bool> NothingWithinAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            await _received.Reader.WaitToReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public static string Options(string via, string method = "OPTIONS", string cseqMethod = "OPTIONS", string callId = "c1", string body = "") =>
        $"{method} sip:gw@127.0.0.1 SIP/2.0\r\n" +
        $"Via: {via}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=f1\r\n" +
        "To: <sip:gw@example.com>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: 1 {cseqMethod}\r\n" +
        (body.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty) +
        $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
        "\r\n" + body;

    public ValueTask DisposeAsync() => Layer.DisposeAsync();
}
