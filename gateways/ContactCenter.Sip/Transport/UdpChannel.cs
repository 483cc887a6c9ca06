using System.Net;
using System.Net.Sockets;
using ContactCenter.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The UDP socket (RFC 3261 §18): one datagram is one message. Datagrams larger than the
/// configured maximum are dropped and counted.
/// </summary>
internal sealed class UdpChannel : ISipTransport
{
    private readonly Socket _socket;
    private readonly int _maxMessageBytes;
    private readonly InboundProcessor _inbound;
    private readonly SipTransportMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;

    public UdpChannel(IPEndPoint listen, int maxMessageBytes, InboundProcessor inbound, SipTransportMetrics metrics, ILogger logger)
    {
        _maxMessageBytes = maxMessageBytes;
        _inbound = inbound;
        _metrics = metrics;
        _logger = logger;
        _socket = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(listen);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        Local = new SipEndPoint(SipProtocol.Udp, LocalEndPoint);
    }

    public IPEndPoint LocalEndPoint { get; }

    public SipProtocol Protocol => SipProtocol.Udp;

    public event Action<SipMessage, SipEndPoint>? MessageReceived;

    private SipEndPoint Local { get; }

    public void Start() => _receiveLoop = Task.Run(() => ReceiveLoopAsync(_stop.Token));

    public async ValueTask SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(remote);

        // RFC 3261 §18.2.2 / RFC 3581 §4: responses follow the top Via, requests go where asked.
        var target = message is SipResponse response ? ViaRouting.ResponseTarget(response, remote.EndPoint) : remote.EndPoint;
        await _socket.SendToAsync(message.ToBytes(), SocketFlags.None, target, cancellationToken);
        _metrics.Sent(SipProtocol.Udp);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        // One byte more than the limit tells an oversized datagram from one that fits exactly.
        var buffer = GC.AllocateUninitializedArray<byte>(_maxMessageBytes + 1);
        EndPoint any = new IPEndPoint(
            LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
            {
                DropOversized(null);
                continue;
            }
            catch (SocketException ex)
            {
                // ICMP errors from earlier sends surface here (e.g. ConnectionReset); keep receiving.
                _logger.LogDebug(ex, "UDP receive error {Error}", ex.SocketErrorCode);
                continue;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "UDP receive failed; continuing");
                continue;
            }

            var source = new SipEndPoint(SipProtocol.Udp, (IPEndPoint)received.RemoteEndPoint);
            if (received.ReceivedBytes > _maxMessageBytes)
            {
                DropOversized(source);
                continue;
            }

            var incoming = await _inbound.ProcessAsync(buffer.AsMemory(0, received.ReceivedBytes), source, Local, cancellationToken);
            if (incoming is not null)
            {
                RaiseReceived(incoming);
            }
        }
    }

    private void DropOversized(SipEndPoint? source)
    {
        _metrics.Received(SipProtocol.Udp);
        _metrics.Dropped(SipProtocol.Udp, "too_large");
        _logger.LogDebug("Dropped UDP datagram over {Max} bytes from {Source}", _maxMessageBytes, source);
    }

    private void RaiseReceived(IncomingMessage incoming)
    {
        try
        {
            MessageReceived?.Invoke(incoming.Message, incoming.Source);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "MessageReceived observer failed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
