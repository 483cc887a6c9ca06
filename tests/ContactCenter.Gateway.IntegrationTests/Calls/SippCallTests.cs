using System.Net.Sockets;
using System.Net;
using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Gateway.IntegrationTests.Platform;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Calls;

/// <summary>SIPp and sipsak against the gateway: call volume, PCMA with DTMF, codec refusal, OPTIONS, flood control.</summary>
[Collection(PeersCollection.Name)]
public sealed class SippCallTests
{
    private static readonly string Target = $"{GatewayHost.Address}:{GatewayHost.SipPort}";
    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Calls", "Scenarios", name);

    [Fact]
    public async Task Fifty_calls_ten_at_a_time_all_succeed()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();

        var result = await new Sipp(scratch).RunAsync(
            $"-sn uac {Target} -s bot -i 127.0.0.1 -mi 127.0.0.1 -p 5071 -m 50 -l 10 -r 20 -d 1000 -timeout 120 -timeout_error",
            TimeSpan.FromSeconds(150));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(50, result.SuccessfulCalls);
        Assert.Equal(0, result.FailedCalls);
        await WaitUntilAsync(() => platform.Published<CallEnded>().Count == 50, TimeSpan.FromSeconds(10));
        Assert.All(platform.Published<CallEnded>(), cdr => Assert.Equal(CallParty.Caller, cdr.HungUpBy));
    }

    [Fact]
    public async Task Calls_over_tcp_succeed()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();

        var result = await new Sipp(scratch).RunAsync(
            $"-sn uac {Target} -t t1 -s bot -i 127.0.0.1 -mi 127.0.0.1 -p 5076 -m 5 -l 5 -r 5 -d 500 -timeout 60 -timeout_error",
            TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.SuccessfulCalls);
        await WaitUntilAsync(() => platform.Published<CallEnded>().Count == 5, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Pcma_call_with_rfc4733_dtmf_from_a_pcap_succeeds()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();

        var result = await new Sipp(scratch).RunAsync(
            $"-sn uac_pcap {Target} -s bot -i 127.0.0.1 -mi 127.0.0.1 -p 5072 -m 1 -timeout 60 -timeout_error",
            TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, result.SuccessfulCalls);
        var cdr = await platform.WaitForAsync<CallEnded>(_ => true, TimeSpan.FromSeconds(10));
        Assert.Equal("PCMA", cdr.Codec);
        Assert.True(cdr.Rtp.PacketsReceived > 100, $"received {cdr.Rtp.PacketsReceived} RTP packets from the pcap");
        var digits = platform.Published<DtmfReceived>().Where(d => d.CallId == cdr.CallId).Select(d => d.Digit);
        Assert.Equal("1", string.Concat(digits)); // dtmf_2833_1.pcap plays the digit 1
    }

    [Fact]
    public async Task An_offer_with_only_an_unsupported_codec_gets_488()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();

        var result = await new Sipp(scratch).RunAsync(
            $"-sf {Scenario("uac_unsupported_codec.xml")} {Target} -s bot -i 127.0.0.1 -mi 127.0.0.1 -p 5073 -m 1 -timeout 30 -timeout_error",
            TimeSpan.FromSeconds(45));

        Assert.True(result.ExitCode == 0, result.ToString());
        var rejected = await platform.WaitForAsync<CallRejected>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(488, rejected.SipStatus);
        Assert.Equal(0, platform.Gateway.ActiveCalls);
    }

    [Fact]
    public async Task Sipsak_options_to_a_userless_uri_gets_200()
    {
        await using var platform = await GatewayHost.StartAsync();

        var result = await Sipsak.OptionsAsync($"sip:{Target}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("200 OK", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_invites_from_one_source_does_not_stop_another_caller()
    {
        await using var platform = await GatewayHost.StartAsync();
        using var scratch = PeerScratch.Create();
        using var flooding = new CancellationTokenSource();
        var started = DateTime.UtcNow;
        var flood = FloodAsync(IPAddress.Parse("127.0.0.2"), flooding.Token);

        var result = await new Sipp(scratch).RunAsync(
            $"-sn uac {Target} -s bot -i 127.0.0.1 -mi 127.0.0.1 -p 5074 -m 5 -l 5 -r 5 -d 500 -timeout 60 -timeout_error",
            TimeSpan.FromSeconds(90));
        await flooding.CancelAsync();
        var sent = await flood;
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.SuccessfulCalls);
        Assert.True(sent > 1000, $"the flood sent only {sent} INVITEs");
        // The flooder got its burst (200) plus its rate (50/s) through, each answered (488: no SDP); the rest were
        // dropped before any transaction existed. Many more never reached the gateway: the kernel's socket buffer overflowed.
        await Task.Delay(500);
        var admitted = platform.Published<CallRejected>().Count(r => r.Source.StartsWith("127.0.0.2:", StringComparison.Ordinal));
        Assert.InRange(admitted, 1, 200 + (50 * seconds) + 10);
        Assert.True(platform.Gateway.FloodDrops > 1000, $"dropped {platform.Gateway.FloodDrops} of {sent} flood INVITEs");
    }

    /// <summary>New INVITEs (fresh Call-ID and branch each) as fast as one socket sends them, from another loopback address.</summary>
    private static async Task<int> FloodAsync(IPAddress source, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        var target = new IPEndPoint(IPAddress.Parse(GatewayHost.Address), GatewayHost.SipPort);
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var id = Guid.NewGuid().ToString("N");
            var invite = Encoding.ASCII.GetBytes(
                $"INVITE sip:bot@{Target} SIP/2.0\r\nVia: SIP/2.0/UDP {source}:{((IPEndPoint)socket.LocalEndPoint!).Port};branch=z9hG4bK{id}\r\n" +
                $"From: <sip:flood@{source}>;tag={id[..8]}\r\nTo: <sip:bot@{Target}>\r\nCall-ID: {id}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            await socket.SendToAsync(invite, target, cancellationToken).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
            if (++sent % 50 == 0)
            {
                await Task.Yield();
            }
        }

        return sent;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "condition not met within " + timeout);
    }
}
