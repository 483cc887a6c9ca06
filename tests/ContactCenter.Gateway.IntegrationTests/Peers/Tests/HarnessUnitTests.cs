using System.Text;
using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.Media.Audio;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Peers.Tests;

/// <summary>The harness's pure parts: framing, CSV parsing, WAV and spectrum maths.</summary>
public class HarnessUnitTests
{
    [Fact]
    public void Netstring_round_trips_and_waits_for_the_rest_of_a_split_frame()
    {
        var frame = Netstring.Encode("{\"command\":\"dial\",\"params\":\"sip:bot@127.0.0.1\"}");
        Assert.Equal("47:{\"command\":\"dial\",\"params\":\"sip:bot@127.0.0.1\"},", Encoding.UTF8.GetString(frame));

        Assert.False(Netstring.TryDecode(frame.AsSpan(0, 10), out _, out _));
        var two = frame.Concat(Netstring.Encode("{}")).ToArray();
        Assert.True(Netstring.TryDecode(two, out var first, out var consumed));
        Assert.Equal("{\"command\":\"dial\",\"params\":\"sip:bot@127.0.0.1\"}", first);
        Assert.True(Netstring.TryDecode(two.AsSpan(consumed), out var second, out _));
        Assert.Equal("{}", second);
        Assert.Throws<FormatException>(() => Netstring.TryDecode("3:abc;"u8, out _, out _));
        Assert.Throws<FormatException>(() => Netstring.TryDecode("x:"u8, out _, out _));
    }

    [Fact]
    public void Sipp_statistics_read_the_cumulative_counters_of_the_last_row()
    {
        // Columns and a row as SIPp 3.6.1 wrote them for uac_pcap against a PCMU-only baresip (488).
        const string csv =
            "StartTime;LastResetTime;CurrentTime;ElapsedTime(P);ElapsedTime(C);TargetRate;CallRate(P);CallRate(C);IncomingCall(P);IncomingCall(C);OutgoingCall(P);OutgoingCall(C);TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);FailedCannotSendMessage(P);FailedCannotSendMessage(C);FailedMaxUDPRetrans(P);FailedMaxUDPRetrans(C);FailedTcpConnect(P);FailedTcpConnect(C);FailedTcpClosed(P);FailedTcpClosed(C);FailedUnexpectedMessage(P);FailedUnexpectedMessage(C);\n"
            + "2026-11-24\t23:35:14.48;2026-11-24\t23:35:14.48;2026-11-24\t23:35:14.48;00:00:00;00:00:00;10;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;\n"
            + "2026-11-24\t23:35:14.48;2026-11-24\t23:35:14.48;2026-11-24\t23:35:14.59;00:00:00;00:00:00;10;9.1;9.1;0;0;1;1;1;0;0;0;1;1;0;0;0;0;0;0;0;0;1;1;\n";

        var statistics = SippStatistics.Parse(csv);

        Assert.Equal(0, statistics.SuccessfulCalls);
        Assert.Equal(1, statistics.FailedCalls);
        Assert.Equal(1, statistics.FailedUnexpectedMessage);
        Assert.Equal(1, statistics.TotalCallsCreated);
        Assert.Equal(["-sn", "uac pcap", "-s", "bot"], Sipp.Split("-sn \"uac pcap\"  -s bot"));
    }

    [Fact]
    public void Rfc4733_packets_collapse_to_one_event_per_rtp_timestamp()
    {
        // Repeated digits stay apart because each press has its own start timestamp (RFC 4733 §2.5.1.2).
        Rfc4733Event[] packets =
        [
            new(1, false, 800, 7), new(1, false, 800, 7), new(1, true, 800, 7), new(1, true, 800, 7),
            new(1, false, 2400, 7), new(1, true, 2400, 7), new(11, false, 4000, 7), new(11, true, 4000, 7),
        ];

        var events = Rfc4733Event.Distinct(packets);

        Assert.Equal([1, 1, 11], events);
        Assert.Equal("11#", new string([.. events.Select(Rfc4733Event.ToDigit)]));
    }

    [Fact]
    public void Generated_tone_survives_a_wav_round_trip_and_is_measured_exactly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cc-tone-{Guid.NewGuid():N}.wav");
        try
        {
            var samples = Tones.Generate(700, 1.0, 8000, amplitude: 0.5).Concat(Tones.Silence(0.5, 8000)).ToArray();
            WavFile.Write(path, samples, 8000);

            var wav = WavFile.Read(path);

            Assert.Equal(8000, wav.SampleRate);
            Assert.Equal(samples, wav.Samples);
            Assert.Equal(TimeSpan.FromSeconds(1.5), wav.Duration);
            Assert.InRange(ToneAnalysis.DominantFrequency(wav.Samples, 8000), 698, 702);

            // A -6 dBFS sine has RMS 0.5/√2; over 1 s of tone in 1.5 s that is √(1/1.5) of it.
            var toneOnly = wav.Samples.AsSpan(0, 8000);
            Assert.InRange(ToneAnalysis.Rms(toneOnly), 0.35, 0.36);
            Assert.InRange(ToneAnalysis.ToneRms(toneOnly, 8000, 700), 0.34, 0.36);
            Assert.True(ToneAnalysis.HasTone(wav.Samples, 8000, 700, minRms: 0.2));
            Assert.False(ToneAnalysis.HasTone(wav.Samples, 8000, 1000, minRms: 0.01));
            Assert.Equal(0, ToneAnalysis.DominantFrequency(Tones.Silence(1, 8000), 8000));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wav_reader_accepts_a_recording_whose_header_was_not_finalised()
    {
        // sndfile leaves the data size at 0 until it closes the file; read to the end instead.
        var bytes = WavFile.Encode(Tones.Generate(440, 0.1, 8000), 8000);
        bytes[40] = bytes[41] = bytes[42] = bytes[43] = 0;

        var wav = WavFile.Parse(bytes);

        Assert.Equal(800, wav.Samples.Length);
    }
}
