using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// Client for baresip's ctrl_tcp module: netstring-framed JSON commands
/// (<c>{"command":"dial","params":"sip:…","token":"1"}</c>), responses matched by token, and
/// asynchronous events. Every event is kept; <see cref="WaitForEventAsync"/> hands each one out
/// once, oldest first, so an event that arrives before the test starts waiting is not lost.
/// </summary>
public sealed class BaresipCtrlClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Func<string> _describe;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<BaresipEvent> _events = [];
    private readonly List<bool> _handedOut = [];
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly Task _reader;
    private TaskCompletionSource _changed = NewSignal();
    private string? _closedReason;
    private int _nextToken;

    private BaresipCtrlClient(TcpClient tcp, Func<string>? describe)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _describe = describe ?? (() => string.Empty);
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every event received so far, in arrival order.</summary>
    public IReadOnlyList<BaresipEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>False once baresip closed the connection (it quit or died).</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _closedReason is null;
            }
        }
    }

    /// <summary>Connects to a ctrl_tcp port; <paramref name="describe"/> adds context (a log tail) to failures.</summary>
    public static async Task<BaresipCtrlClient> ConnectAsync(
        int port,
        Func<string>? describe = null,
        CancellationToken cancellationToken = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(PeerEndpoints.Host, port, cancellationToken);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        return new BaresipCtrlClient(tcp, describe);
    }

    /// <summary>Sends a command and waits for its response; returns the response's <c>data</c>.</summary>
    /// <exception cref="InvalidOperationException">baresip answered <c>"ok": false</c>.</exception>
    public async Task<string> SendCommandAsync(
        string command,
        string parameters = "",
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var token = "t" + Interlocked.Increment(ref _nextToken);
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ThrowIfClosed(command);
            _pending[token] = response;
        }

        await SendAsync(command, parameters, token, cancellationToken);
        var wait = timeout ?? DefaultCommandTimeout;
        JsonElement answer;
        try
        {
            answer = await response.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"baresip did not answer '{command} {parameters}' within {wait.TotalSeconds:0.#} s" + Context());
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(token);
            }
        }

        var data = answer.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? string.Empty : string.Empty;
        var ok = answer.TryGetProperty("ok", out var o) && o.ValueKind == JsonValueKind.True;
        if (!ok)
        {
            throw new InvalidOperationException($"baresip rejected '{command} {parameters}': {data.Trim()}" + Context());
        }

        return data;
    }

    /// <summary>Sends a command without waiting for a response (for <c>quit</c>, which may close first).</summary>
    public Task SendCommandNoWaitAsync(string command, string parameters = "", CancellationToken cancellationToken = default) =>
        SendAsync(command, parameters, "t" + Interlocked.Increment(ref _nextToken), cancellationToken);

    /// <summary>
    /// Returns the oldest event of <paramref name="type"/> (and matching <paramref name="match"/>) not yet
    /// handed out, waiting for it up to <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">None came; the message lists the events seen and the log tail.</exception>
    public async Task<BaresipEvent> WaitForEventAsync(
        string type,
        TimeSpan timeout,
        Func<BaresipEvent, bool>? match = null,
        CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (var i = 0; i < _events.Count; i++)
                {
                    if (!_handedOut[i] && _events[i].Type == type && (match is null || match(_events[i])))
                    {
                        _handedOut[i] = true;
                        return _events[i];
                    }
                }

                if (_closedReason is not null)
                {
                    throw new InvalidOperationException(
                        $"waiting for {type}, but the ctrl connection closed ({_closedReason})" + Context());
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no {type} event within {timeout.TotalSeconds:0.#} s" + Context());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception)
        {
            // The reader ends with whatever the closed socket threw; the connection is gone either way.
        }

        _stop.Dispose();
        _sendLock.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task SendAsync(string command, string parameters, string token, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["command"] = command,
            ["params"] = parameters,
            ["token"] = token,
        });
        var frame = Netstring.Encode(json);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw new InvalidOperationException($"cannot send '{command}' to baresip: {ex.Message}" + Context(), ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        var reason = "closed by baresip";
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                pending.AddRange(buffer.AsSpan(0, read));
                while (Netstring.TryDecode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending), out var payload, out var consumed))
                {
                    pending.RemoveRange(0, consumed);
                    Dispatch(payload);
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = "disposed";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or FormatException or JsonException)
        {
            reason = ex.Message;
        }

        lock (_gate)
        {
            _closedReason = reason;
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new InvalidOperationException($"ctrl connection closed ({reason})" + Context()));
            }

            Pulse();
        }
    }

    private void Dispatch(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement.Clone();
        lock (_gate)
        {
            if (root.TryGetProperty("response", out var isResponse) && isResponse.ValueKind == JsonValueKind.True)
            {
                var token = root.TryGetProperty("token", out var t) ? t.GetString() : null;
                if (token is not null && _pending.TryGetValue(token, out var waiting))
                {
                    waiting.TrySetResult(root);
                }

                return;
            }

            if (root.TryGetProperty("event", out var isEvent) && isEvent.ValueKind == JsonValueKind.True)
            {
                _events.Add(BaresipEvent.FromJson(root));
                _handedOut.Add(false);
                Pulse();
            }
        }
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private void ThrowIfClosed(string command)
    {
        if (_closedReason is not null)
        {
            throw new InvalidOperationException($"cannot send '{command}': ctrl connection closed ({_closedReason})" + Context());
        }
    }

    private string Context()
    {
        var text = new StringBuilder();
        text.Append("\nevents seen:");
        foreach (var e in Events.TakeLast(30))
        {
            text.Append("\n  ").Append(e.Type).Append(' ').Append(e.AccountAor).Append(' ').Append(e.Param);
        }

        var more = _describe();
        if (more.Length > 0)
        {
            text.Append('\n').Append(more);
        }

        return text.ToString();
    }
}
