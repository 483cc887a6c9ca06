using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// RFC 3261 §18 transport layer: one UDP socket and one TCP listener on the same address.
/// Received messages go through <see cref="Accept"/> and then to <see cref="OnMessage"/>;
/// sending picks the socket by <see cref="SipEndPoint.Protocol"/>.
/// </summary>
public sealed class SipTransportLayer : ISipMessageSender, IAsyncDisposable
{
    private readonly SipTransportOptions _options;
    private readonly ILogger _logger;
    private readonly SipTransportMetrics _metrics;
    private readonly InboundProcessor _inbound;
    private UdpChannel? _udp;
    private TcpChannel? _tcp;

    public SipTransportLayer(
        SipTransportOptions options,
        ILogger<SipTransportLayer> logger,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessageBytes, 1024, nameof(options));
        _options = options;
        _logger = logger;
        _metrics = new SipTransportMetrics(meterFactory);
        _inbound = new InboundProcessor(_metrics, timeProvider ?? TimeProvider.System, logger, SendAsync);
    }

    /// <summary>Every parsed message that passed the filter (requests with received/rport stamped).</summary>
    public Func<IncomingMessage, ValueTask>? OnMessage
    {
        get => _inbound.OnMessage;
        set => _inbound.OnMessage = value;
    }

    /// <summary>Inbound filter (source ACLs, rate limits): false drops the message before anything else sees it.</summary>
    public Func<IncomingMessage, bool>? Accept
    {
        get => _inbound.Accept;
        set => _inbound.Accept = value;
    }

    public IPEndPoint UdpEndPoint => Udp.LocalEndPoint;

    public IPEndPoint TcpEndPoint => Tcp.LocalEndPoint;

    /// <summary>The UDP socket as an <see cref="ISipTransport"/>.</summary>
    public ISipTransport Udp => _udp ?? throw NotStarted();

    /// <summary>The TCP listener as an <see cref="ISipTransport"/>.</summary>
    public ISipTransport Tcp => _tcp ?? throw NotStarted();

    public SipTransportStatistics Statistics => _metrics.Totals;

    /// <summary>Open TCP connections, inbound and outbound.</summary>
    public int TcpConnectionCount => _tcp?.ConnectionCount ?? 0;

    /// <summary>
    /// Binds UDP and then TCP to the same port. With port 0 the TCP listener takes the UDP
    /// socket's port when it is free, else any free port (the end points are reported separately).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_udp is not null)
        {
            throw new InvalidOperationException("The transport layer is already started.");
        }

        var udp = new UdpChannel(_options.Listen, _options.MaxMessageBytes, _inbound, _metrics, _logger);
        TcpChannel tcp;
        try
        {
            tcp = new TcpChannel(new IPEndPoint(_options.Listen.Address, udp.LocalEndPoint.Port), _options, _inbound, _metrics, _logger);
        }
        catch (SocketException) when (_options.Listen.Port == 0)
        {
            tcp = new TcpChannel(_options.Listen, _options, _inbound, _metrics, _logger);
        }

        _udp = udp;
        _tcp = tcp;
        udp.Start();
        tcp.Start();
        _logger.LogInformation("SIP listening on udp/{Udp} and tcp/{Tcp}", udp.LocalEndPoint, tcp.LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends one message. UDP responses follow the top Via's received/rport (RFC 3581 §4,
    /// RFC 3261 §18.2.2); TCP reuses the connection to <paramref name="remote"/> or opens one.
    /// Transport failures throw (SocketException / IOException).
    /// </summary>
    public ValueTask SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return remote.Protocol switch
        {
            SipProtocol.Udp => Udp.SendAsync(message, remote, cancellationToken),
            _ => Tcp.SendAsync(message, remote, cancellationToken),
        };
    }

    private static InvalidOperationException NotStarted() => new("Call StartAsync first.");

    public async ValueTask DisposeAsync()
    {
        if (_udp is not null)
        {
            await _udp.DisposeAsync();
        }

        if (_tcp is not null)
        {
            await _tcp.DisposeAsync();
        }

        _metrics.Dispose();
    }
}
