using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The TCP listener and its connections (RFC 3261 §18). Connections are keyed by the peer's
/// address so responses leave on the connection the request came in on (§18.2.2) and later
/// requests to the same peer reuse it.
/// </summary>
internal sealed class TcpChannel : ISipTransport
{
    private readonly Socket _listener;
    private readonly SipTransportOptions _options;
    private readonly InboundProcessor _inbound;
    private readonly SipTransportMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _connections = new();
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _acceptLoop = Task.CompletedTask;

    public TcpChannel(IPEndPoint listen, SipTransportOptions options, InboundProcessor inbound, SipTransportMetrics metrics, ILogger logger)
    {
        _options = options;
        _inbound = inbound;
        _metrics = metrics;
        _logger = logger;
        _listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(listen);
            _listener.Listen(128);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        Local = new SipEndPoint(SipProtocol.Tcp, LocalEndPoint);
    }

    public IPEndPoint LocalEndPoint { get; }

    public SipProtocol Protocol => SipProtocol.Tcp;

    public event Action<SipMessage, SipEndPoint>? MessageReceived;

    /// <summary>Open connections (for diagnostics and tests).</summary>
    public int ConnectionCount => _connections.Count;

    private SipEndPoint Local { get; }

    public void Start() => _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token));

    public async ValueTask SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(remote);
        var connection = _connections.TryGetValue(remote.EndPoint, out var open) && !open.IsClosed
            ? open
            : await ConnectAsync(ReconnectTarget(message, remote.EndPoint), cancellationToken);
        await connection.SendAsync(message.ToBytes(), cancellationToken);
        _metrics.Sent(SipProtocol.Tcp);
    }

    /// <summary>
    /// RFC 3261 §18.2.2: when the connection a request came on is gone, a response goes to the
    /// received address (or sent-by) and the sent-by port; requests go where they were sent.
    /// </summary>
    private static IPEndPoint ReconnectTarget(SipMessage message, IPEndPoint remote)
    {
        if (message is not SipResponse response || response.TopVia is not { } via)
        {
            return remote;
        }

        var host = via.Received ?? via.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, via.Port ?? 5060)
            : remote;
    }

    private async Task<TcpConnection> ConnectAsync(IPEndPoint target, CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connections.TryGetValue(target, out var existing) && !existing.IsClosed)
            {
                return existing;
            }

            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
                timeout.CancelAfter(_options.TcpConnectTimeout);
                await socket.ConnectAsync(target, timeout.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return Adopt(socket);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var socket = await _listener.AcceptAsync(cancellationToken);
                Adopt(socket);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                _logger.LogDebug(ex, "TCP accept failed");
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "TCP accept loop error; continuing");
            }
        }
    }

    private TcpConnection Adopt(Socket socket)
    {
        var connection = new TcpConnection(socket, _options.TcpIdleTimeout, _options.MaxMessageBytes, _logger, _stop.Token);
        if (_connections.TryRemove(connection.Remote, out var replaced))
        {
            _ = replaced.DisposeAsync().AsTask();
        }

        _connections[connection.Remote] = connection;
        connection.Start(OnFramedAsync, OnRejectedAsync, OnClosed);
        return connection;
    }

    private async ValueTask OnFramedAsync(ReadOnlyMemory<byte> message, TcpConnection connection, CancellationToken cancellationToken)
    {
        var source = new SipEndPoint(SipProtocol.Tcp, connection.Remote);
        var incoming = await _inbound.ProcessAsync(message, source, Local, cancellationToken);
        if (incoming is null)
        {
            return;
        }

        try
        {
            MessageReceived?.Invoke(incoming.Message, incoming.Source);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "MessageReceived observer failed");
        }
    }

    private ValueTask OnRejectedAsync(SipParseError error, TcpConnection connection, CancellationToken cancellationToken) =>
        _inbound.RejectAsync(error, new SipEndPoint(SipProtocol.Tcp, connection.Remote), Local, cancellationToken);

    private void OnClosed(TcpConnection connection) =>
        _connections.TryRemove(KeyValuePair.Create(connection.Remote, connection));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
        _stop.Dispose();
        _connectLock.Dispose();
    }
}
