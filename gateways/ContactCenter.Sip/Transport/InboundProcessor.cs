using System.Security.Cryptography;
using ContactCenter.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The receive path shared by UDP and TCP: parse, answer or drop bad requests, apply the
/// Accept filter, stamp received/rport (RFC 3261 §18.2.1, RFC 3581 §4), hand up.
/// Never throws: a bad peer must not stop a receive loop.
/// </summary>
internal sealed class InboundProcessor(
    SipTransportMetrics metrics,
    TimeProvider time,
    ILogger logger,
    Func<SipMessage, SipEndPoint, CancellationToken, ValueTask> send)
{
    public Func<IncomingMessage, bool>? Accept { get; set; }

    public Func<IncomingMessage, ValueTask>? OnMessage { get; set; }

    /// <summary>Processes one datagram or one framed TCP message; returns what was handed up, if anything.</summary>
    public async ValueTask<IncomingMessage?> ProcessAsync(
        ReadOnlyMemory<byte> data,
        SipEndPoint source,
        SipEndPoint local,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessCoreAsync(data, source, local, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Processing a message from {Source} failed", source);
            return null;
        }
    }

    private async ValueTask<IncomingMessage?> ProcessCoreAsync(
        ReadOnlyMemory<byte> data,
        SipEndPoint source,
        SipEndPoint local,
        CancellationToken cancellationToken)
    {
        if (IsKeepAlive(data.Span))
        {
            // RFC 5626 §3.5.1 / §4.4.1: CRLF keep-alives are not messages.
            return null;
        }

        metrics.Received(source.Protocol);
        // RFC 3261 §18.3: Content-Length is optional in a datagram, mandatory on a stream.
        var result = SipParser.Parse(data.Span, datagram: source.Protocol == SipProtocol.Udp);
        if (result.Message is { } message)
        {
            var incoming = new IncomingMessage(message, source, local, time.GetUtcNow());
            if (!Accepts(incoming))
            {
                return null;
            }

            if (message is SipRequest request)
            {
                ViaRouting.StampReceived(request, source.EndPoint);
                if (SipRequestValidator.Validate(request) is { } invalid)
                {
                    await AnswerAsync(invalid, source, cancellationToken);
                    return null;
                }
            }

            if (OnMessage is { } handler)
            {
                await handler(incoming);
            }

            return incoming;
        }

        metrics.ParseError(source.Protocol);
        if (result.Error is { Request: { } bad } error && bad.Method != SipMethods.Ack)
        {
            if (!Accepts(new IncomingMessage(bad, source, local, time.GetUtcNow())))
            {
                return null;
            }

            ViaRouting.StampReceived(bad, source.EndPoint);
            logger.LogDebug("Bad request from {Source}: {Error}", source, error);
            await AnswerAsync(error, source, cancellationToken);
            return null;
        }

        // RFC 3261 §17.2.1 / §8.2: an ACK is never answered, nor is a bad response.
        metrics.Dropped(source.Protocol, "unparseable");
        logger.LogDebug("Dropped unparseable message from {Source}: {Reason}", source, result.DropReason ?? result.Error?.Detail);
        return null;
    }

    /// <summary>Answers a TCP message the framer refused (413 too large, 400 bad Content-Length).</summary>
    public async ValueTask RejectAsync(SipParseError error, SipEndPoint source, SipEndPoint local, CancellationToken cancellationToken)
    {
        try
        {
            metrics.Received(source.Protocol);
            metrics.ParseError(source.Protocol);
            if (error.Request is { } bad && Accepts(new IncomingMessage(bad, source, local, time.GetUtcNow())))
            {
                await AnswerAsync(error, source, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Answering a rejected stream message from {Source} failed", source);
        }
    }

    private bool Accepts(IncomingMessage incoming)
    {
        if (Accept is not { } filter || filter(incoming))
        {
            return true;
        }

        metrics.Dropped(incoming.Source.Protocol, "filtered");
        return false;
    }

    private async ValueTask AnswerAsync(SipParseError error, SipEndPoint source, CancellationToken cancellationToken)
    {
        // RFC 3261 §8.2.6.2: a final response carries a To tag.
        if (error.CreateResponse(NewTag()) is { } response)
        {
            await send(response, source, cancellationToken);
        }
    }

    private static bool IsKeepAlive(ReadOnlySpan<byte> data) =>
        data.Length > 0 && data.TrimStart("\r\n"u8).IsEmpty;

    private static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
