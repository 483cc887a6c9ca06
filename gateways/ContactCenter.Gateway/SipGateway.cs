using System.Net;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.Calls;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Options;
using ContactCenter.Gateway.Security;
using ContactCenter.Gateway.Signaling;
using ContactCenter.Gateway.Telemetry;
using ContactCenter.Media.Playout;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Sdp;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Gateway;

/// <summary>
/// The SIP/RTP gateway as one hosted service: transport → transactions → user agent → calls,
/// with the media plumbing every call shares. Stopping it hangs up every call with BYE.
/// </summary>
public sealed class SipGateway : IHostedService, IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly ICallAudioEngine _engine;
    private readonly IBus _bus;
    private readonly GatewayTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly CallRegistry _registry = new();
    private SipTransportLayer? _transport;
    private PlayoutScheduler? _playout;
    private SipUserAgent? _userAgent;

    public SipGateway(IOptions<GatewayOptions> options, ICallAudioEngine engine, IBus bus, GatewayTelemetry telemetry,
        TimeProvider time, ILoggerFactory loggers)
    {
        _options = options.Value;
        _engine = engine;
        _bus = bus;
        _telemetry = telemetry;
        _time = time;
        _loggers = loggers;
    }

    /// <summary>The bound SIP address (UDP and TCP share it); known once started.</summary>
    public IPEndPoint? EndPoint => _transport?.UdpEndPoint;

    public int ActiveCalls => _registry.Count;

    /// <summary>The calls up now (ringing, answered or confirmed).</summary>
    public IReadOnlyList<LiveCall> LiveCalls => _registry.All.Select(call => call.Snapshot()).ToList();

    /// <summary>Pacing of our outgoing RTP, measured on every tick of the playout clock.</summary>
    public PacingStatistics? Pacing => _playout?.Statistics;

    /// <summary>New INVITEs dropped because their source exceeded its rate (flood protection).</summary>
    public long FloodDrops => _userAgent?.FloodDrops ?? 0;

    internal CallRegistry Registry => _registry;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listen = ParseEndPoint(_options.Listen);
        _transport = new SipTransportLayer(new SipTransportOptions { Listen = listen }, _loggers.CreateLogger<SipTransportLayer>());
        await _transport.StartAsync(cancellationToken);
        var timers = SipTimers.Default;
        var transactions = new SipTransactionLayer(_transport, _time, timers, _loggers.CreateLogger<SipTransactionLayer>());
        _playout = new PlayoutScheduler(_loggers.CreateLogger<PlayoutScheduler>());
        var advertised = _options.AdvertisedAddress is { } configured ? IPAddress.Parse(configured) : _transport.UdpEndPoint.Address;
        var services = new CallServices(transactions, timers, _transport, _options,
            new LocalSipAddress(advertised, _transport.UdpEndPoint.Port), CreatePortAllocator(_options.RtpPorts), _playout, new SdpNegotiator(),
            _engine, _bus, _registry, _telemetry, _time, _loggers);
        var userAgent = _userAgent = new SipUserAgent(services, new SourceAccessList(_options.AllowedSources), new CalledNumberFilter(_options.Numbers),
            new InviteRateLimiter(_options.InvitesPerSecondPerSource, _options.InviteBurstPerSource, _time), _loggers.CreateLogger<SipUserAgent>());
        _transport.Accept = userAgent.AcceptInbound;
        transactions.NewRequest = userAgent.OnNewRequestAsync;
        transactions.Stray = userAgent.OnStrayAsync;
        _transport.OnMessage = async incoming => await transactions.OnIncomingAsync(incoming);
        _playout.Start();
        _loggers.CreateLogger<SipGateway>().LogInformation("SIP gateway listening on udp/tcp {EndPoint}, RTP ports {Ports}", _transport.UdpEndPoint, _options.RtpPorts);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_registry.All.Select(call =>
            call.EndAsync(new CallEndReason(CallParty.Gateway, Q850Reason.NormalClearing, "gateway stopping"), sendBye: true)));
        await DisposeAsync();
    }

    /// <summary>Blind-transfers a live call (the bus's TransferCall command lands here).</summary>
    public Task<bool> TransferAsync(Guid callId, string target, IReadOnlyDictionary<string, string> context) =>
        _registry.FindById(callId) is { } call ? call.TransferAsync(target, context) : Task.FromResult(false);

    /// <summary>Hangs up a live call with BYE and the given Q.850 cause.</summary>
    public async Task<bool> HangUpAsync(Guid callId, int q850Cause, CallParty by)
    {
        if (_registry.FindById(callId) is not { } call)
        {
            return false;
        }

        await call.EndAsync(new CallEndReason(by, q850Cause, "hung up by " + by), sendBye: true);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
            _transport = null;
        }

        _playout?.Dispose();
        _playout = null;
    }

    private static RtpPortAllocator CreatePortAllocator(string range)
    {
        var bounds = range.Split('-', StringSplitOptions.TrimEntries);
        return bounds.Length == 2 && int.TryParse(bounds[0], out var first) && int.TryParse(bounds[1], out var last)
            ? new RtpPortAllocator(first, last)
            : throw new FormatException($"Gateway:RtpPorts '{range}' is not first-last (e.g. 20000-29999).");
    }

    private static IPEndPoint ParseEndPoint(string text) =>
        IPEndPoint.TryParse(text, out var endPoint)
            ? endPoint
            : throw new FormatException($"Gateway:Listen '{text}' is not ip:port (e.g. 127.0.0.1:5060).");
}
