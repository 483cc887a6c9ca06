using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContactCenter.Gateway.IntegrationTests.Platform;

/// <summary>
/// Sends one hand-written SIP request over UDP from a chosen loopback address and returns the responses,
/// for the signalling edges no softphone produces on purpose (unknown dialogs, bad extensions, refused sources).
/// </summary>
public sealed class SipProbe : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public SipProbe(string source = "127.0.0.1")
    {
        _socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// A request to the gateway with fresh Call-ID, tags and branch; <paramref name="extraHeaders"/> and
    /// <paramref name="body"/> are added as given. "{toTag}" in the To header is left to the caller.
    /// </summary>
    public string Request(string method, string user = "bot", string extraHeaders = "", string body = "", string? toTag = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var target = $"{GatewayHost.Address}:{GatewayHost.SipPort}";
        var to = toTag is null ? $"<sip:{user}@{target}>" : $"<sip:{user}@{target}>;tag={toTag}";
        var request = new StringBuilder()
            .Append($"{method} sip:{user}@{target} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/UDP {LocalEndPoint};branch=z9hG4bK{id};rport\r\n")
            .Append($"From: <sip:probe@{LocalEndPoint.Address}>;tag={id[..8]}\r\n")
            .Append($"To: {to}\r\n")
            .Append($"Call-ID: {id}@probe\r\n")
            .Append($"CSeq: 1 {method}\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"Contact: <sip:probe@{LocalEndPoint}>\r\n")
            .Append(extraHeaders)
            .Append($"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n")
            .Append(body);
        return request.ToString();
    }

    /// <summary>Sends <paramref name="request"/> and returns the status code of the first final response (or 0 on timeout).</summary>
    public async Task<(int Status, string Response)> SendAsync(string request, TimeSpan? timeout = null)
    {
        await PostAsync(request);
        var response = await ReceiveAsync(text => StatusOf(text) >= 200, timeout);
        return response is null ? (0, string.Empty) : (StatusOf(response), response);
    }

    /// <summary>Sends without waiting for an answer.</summary>
    public async Task PostAsync(string request) =>
        await _socket.SendToAsync(Encoding.ASCII.GetBytes(request), new IPEndPoint(IPAddress.Parse(GatewayHost.Address), GatewayHost.SipPort));

    /// <summary>The next message that satisfies <paramref name="wanted"/>, skipping others; null on timeout.</summary>
    public async Task<string?> ReceiveAsync(Func<string, bool> wanted, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, cancellation.Token);
                var text = Encoding.ASCII.GetString(buffer, 0, received);
                if (wanted(text))
                {
                    return text;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// The ACK for a 2xx (RFC 3261 §13.2.2.4): a new transaction, so a new branch; the To tag from the response;
    /// CSeq number of the INVITE.
    /// </summary>
    public string AckFor(string invite, string okResponse)
    {
        var to = okResponse.Split("\r\n").First(line => line.StartsWith("To:", StringComparison.Ordinal));
        var lines = invite[..invite.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n")
            .Where(line => !line.StartsWith("Content-", StringComparison.Ordinal))
            .Select(line => line switch
            {
                _ when line.StartsWith("INVITE ", StringComparison.Ordinal) => "ACK " + line["INVITE ".Length..],
                _ when line.StartsWith("Via:", StringComparison.Ordinal) => $"Via: SIP/2.0/UDP {LocalEndPoint};branch=z9hG4bK{Guid.NewGuid():N};rport",
                _ when line.StartsWith("To:", StringComparison.Ordinal) => to,
                "CSeq: 1 INVITE" => "CSeq: 1 ACK",
                _ => line,
            });
        return string.Join("\r\n", lines) + "\r\nContent-Length: 0\r\n\r\n";
    }

    /// <summary>A response to a request the gateway sent us (RFC 3261 §8.2.6): its Via, From, To, Call-ID and CSeq, plus an optional SDP body.</summary>
    public string ResponseFor(string request, int status, string reason, string sdp = "")
    {
        var copied = request[..request.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n")
            .Where(line => line.StartsWith("Via:", StringComparison.Ordinal) || line.StartsWith("From:", StringComparison.Ordinal)
                || line.StartsWith("To:", StringComparison.Ordinal) || line.StartsWith("Call-ID:", StringComparison.Ordinal)
                || line.StartsWith("CSeq:", StringComparison.Ordinal));
        var body = sdp.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty;
        return $"SIP/2.0 {status} {reason}\r\n{string.Join("\r\n", copied)}\r\nContact: <sip:probe@{LocalEndPoint}>\r\n"
            + $"{body}Content-Length: {Encoding.ASCII.GetByteCount(sdp)}\r\n\r\n{sdp}";
    }

    /// <summary>The status code of a response ("SIP/2.0 487 …" → 487), 0 for a request.</summary>
    public static int StatusOf(string message) =>
        message.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
            ? int.Parse(message.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public void Dispose() => _socket.Dispose();
}
