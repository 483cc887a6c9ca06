using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Options;
using ContactCenter.Gateway.Telemetry;
using ContactCenter.Media;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Playout;
using ContactCenter.Media.Sdp;
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
    SdpNegotiator Negotiator,
    ICallAudioEngine Engine,
    IPublishEndpoint Bus,
    CallRegistry Registry,
    GatewayTelemetry Telemetry,
    TimeProvider Time,
    ILoggerFactory LoggerFactory)
{
    /// <summary>A call's RTP session on the next free port pair, bound to our media address.</summary>
    public CallMediaSession CreateMediaSession() => new(
        new CallMediaOptions { LocalAddress = Local.Address, RtpTimeout = Options.RtpTimeout },
        RtpPorts, Playout, Time, LoggerFactory.CreateLogger<CallMediaSession>());

    /// <summary>What we offer on a call: the configured codecs that this host can run, at our RTP port.</summary>
    public LocalMediaOffer CreateLocalOffer(LocalSdpSession session, int rtpPort) => new()
    {
        Session = session,
        Address = Local.Address,
        Port = rtpPort,
        Codecs = Options.Codecs.Where(CodecRegistry.IsAvailable).ToArray(),
    };
}
