using System.Net;
using System.Net.Sockets;
using ContactCenter.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// One TCP connection, accepted or opened by us. Frames the byte stream into messages by
/// Content-Length (RFC 3261 §18.3), answers CRLF keep-alive pings (RFC 5626 §3.5.1) and closes
/// after the idle timeout. Writes are serialised so messages never interleave.
/// </summary>
internal sealed class TcpConnection : IAsyncDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _life;
    private readonly TimeSpan _idleTimeout;
    private readonly int _maxMessageBytes;
    private readonly ILogger _logger;
    private Task _readLoop = Task.CompletedTask;
    private int _closed;

    public TcpConnection(Socket socket, TimeSpan idleTimeout, int maxMessageBytes, ILogger logger, CancellationToken stopping)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _idleTimeout = idleTimeout;
        _maxMessageBytes = maxMessageBytes;
        _logger = logger;
        _life = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public IPEndPoint Remote { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Starts reading; each framed message goes to <paramref name="onMessage"/>, awaited in order.</summary>
    public void Start(
        Func<ReadOnlyMemory<byte>, TcpConnection, CancellationToken, ValueTask> onMessage,
        Func<SipParseError, TcpConnection, CancellationToken, ValueTask> onRejected,
        Action<TcpConnection> onClosed) =>
        _readLoop = Task.Run(() => ReadLoopAsync(onMessage, onRejected, onClosed));

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(data, cancellationToken);
            Touch();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(
        Func<ReadOnlyMemory<byte>, TcpConnection, CancellationToken, ValueTask> onMessage,
        Func<SipParseError, TcpConnection, CancellationToken, ValueTask> onRejected,
        Action<TcpConnection> onClosed)
    {
        var framer = new SipStreamFramer(_maxMessageBytes);
        var buffer = new byte[16 * 1024];
        var token = _life.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                Touch();
                var read = await _stream.ReadAsync(buffer, token);
                if (read == 0)
                {
                    break;
                }

                framer.Append(buffer.AsSpan(0, read));
                while (framer.TryReadMessage(out var message))
                {
                    await onMessage(message, this, token);
                }

                if (framer.PingsReceived > 0)
                {
                    // RFC 5626 §4.4.1: a double-CRLF ping is answered with a single CRLF pong.
                    framer.ResetPings();
                    await SendAsync(Pong, token);
                }

                if (framer.IsFaulted)
                {
                    // RFC 3261 §18.3: without a trustworthy Content-Length the stream cannot be
                    // resynchronised: answer (413 / 400) when the head allows it, then close.
                    _logger.LogDebug("TCP stream from {Remote} cannot be framed ({Reason}); closing", Remote, framer.FaultReason);
                    if (framer.Rejection is { } rejection)
                    {
                        await onRejected(rejection, this, token);
                    }

                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            _logger.LogDebug("TCP connection {Remote} idle or stopped", Remote);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "TCP connection {Remote} failed", Remote);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "TCP connection {Remote} read loop failed", Remote);
        }
        finally
        {
            Close();
            onClosed(this);
        }
    }

    /// <summary>Any traffic restarts the idle countdown.</summary>
    private void Touch()
    {
        try
        {
            _life.CancelAfter(_idleTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Closed concurrently; nothing to time out any more.
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync();
        Close();
        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _life.Dispose();
        _writeLock.Dispose();
    }
}
