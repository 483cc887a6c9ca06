using BenchmarkDotNet.Attributes;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.UnitTests.Parsing;

namespace ContactCenter.Benchmarks;

/// <summary>
/// Parser throughput and allocations per message for the three messages a call is made of.
/// Messages/s = 1 / Mean; "Allocated" is bytes per parsed message.
/// </summary>
[MemoryDiagnoser]
public class SipParsingBenchmarks
{
    // The same messages the parser's unit tests use (linked from tests/ContactCenter.Sip.UnitTests).
    private static readonly byte[] Invite = SampleMessages.Bytes(SampleMessages.Invite);
    private static readonly byte[] Ok = SampleMessages.Bytes(SampleMessages.Ok);
    private static readonly byte[] Bye = SampleMessages.Bytes(SampleMessages.Bye);

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
