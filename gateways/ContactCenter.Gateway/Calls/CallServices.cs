using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Options;
using ContactCenter.Gateway.Telemetry;
using ContactCenter.Media.Playout;
using ContactCenter.Media.Rtp;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Calls;

/// <summary>What every call shares: the SIP layers, media plumbing, the engine and the bus.</summary>
internal sealed record CallServices(
    SipTransactionLayer Transactions,
    SipTimers Timers,
    ISipMessageSender Sender,
    GatewayOptions Options,
    LocalSipAddress Local,
    RtpPortAllocator RtpPorts,
    PlayoutScheduler Playout,
    ICallAudioEngine Engine,
    IPublishEndpoint Bus,
    CallRegistry Registry,
    GatewayTelemetry Telemetry,
    TimeProvider Time,
    ILoggerFactory LoggerFactory);
