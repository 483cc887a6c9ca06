using System.Text;
using BenchmarkDotNet.Attributes;
using ContactCenter.Sip.Parsing;

namespace ContactCenter.Benchmarks;

/// <summary>
/// Parser throughput and allocations per message for the three messages a call is made of.
/// Messages/s = 1 / Mean; "Allocated" is bytes per parsed message.
/// </summary>
[MemoryDiagnoser]
public class SipParsingBenchmarks
{
    private const string Sdp =
        "v=0\r\n" +
        "o=- 3724394400 3724394400 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=sendrecv\r\n";

    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:+15551234567@gw.example.com:5060;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK4b43c2ff8.1;received=198.51.100.1\r\n" +
        "Max-Forwards: 69\r\n" +
        "Record-Route: <sip:198.51.100.1;lr>\r\n" +
        "To: <sip:+15551234567@gw.example.com>\r\n" +
        "From: \"Alice Caller\" <sip:alice@carrier.example.net>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO, UPDATE\r\n" +
        "Supported: timer, replaces\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "User-Agent: CarrierSBC/4.2\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + Sdp.Length.ToString() + "\r\n" +
        "\r\n" +
        Sdp);

    private static readonly byte[] Ok = Encoding.ASCII.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10\r\n" +
        "To: <sip:+15551234567@gw.example.com>;tag=a6c85cf\r\n" +
        "From: \"Alice Caller\" <sip:alice@carrier.example.net>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:gw@203.0.113.5:5060>\r\n" +
        "Record-Route: <sip:198.51.100.1;lr>\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n");

    private static readonly byte[] Bye = Encoding.ASCII.GetBytes(
        "BYE sip:gw@203.0.113.5:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds7\r\n" +
        "Max-Forwards: 70\r\n" +
        "Route: <sip:198.51.100.1;lr>\r\n" +
        "From: \"Alice Caller\" <sip:alice@carrier.example.net>;tag=1928301774\r\n" +
        "To: <sip:+15551234567@gw.example.com>;tag=a6c85cf\r\n" +
        "Call-ID: a84b4c76e66710@pc33.carrier.example.net\r\n" +
        "CSeq: 314160 BYE\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n");

    private SipMessage _parsedInvite = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parsedInvite = SipParser.Parse(Invite).Message ?? throw new InvalidOperationException("INVITE did not parse");
        if (SipParser.Parse(Ok).Message is null || SipParser.Parse(Bye).Message is null)
        {
            throw new InvalidOperationException("benchmark messages must parse");
        }
    }

    [Benchmark(Baseline = true)]
    public SipMessage? ParseInviteWithSdp() => SipParser.Parse(Invite).Message;

    [Benchmark]
    public SipMessage? Parse200Ok() => SipParser.Parse(Ok).Message;

    [Benchmark]
    public SipMessage? ParseBye() => SipParser.Parse(Bye).Message;

    /// <summary>What the transaction layer does next: read the keys it matches on.</summary>
    [Benchmark]
    public string? ParseInviteAndReadKeys()
    {
        var message = SipParser.Parse(Invite).Message!;
        return message.TopVia!.Branch + message.CSeq!.Method + message.CallId + message.From!.Tag;
    }

    [Benchmark]
    public byte[] SerialiseInvite() => _parsedInvite.ToBytes();
}
