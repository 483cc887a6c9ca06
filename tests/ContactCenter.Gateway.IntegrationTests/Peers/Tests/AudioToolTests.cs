using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.Media.Audio;
using Xunit;

namespace ContactCenter.Gateway.IntegrationTests.Peers.Tests;

/// <summary>The analysis agrees with an independent tool (sox) about what a file holds.</summary>
public class AudioToolTests
{
    [Fact]
    public void Sox_made_caller_tone_is_440_hz_and_not_1000_hz()
    {
        using var scratch = PeerScratch.Create();

        var wav = WavFile.Read(scratch.AudioPath(PeerRole.Caller));

        Assert.Equal(8000, wav.SampleRate);
        Assert.Equal(TimeSpan.FromSeconds(8), wav.Duration);
        Assert.InRange(ToneAnalysis.DominantFrequency(wav.Samples, wav.SampleRate), 438, 442);
        Assert.True(ToneAnalysis.HasTone(wav.Samples, wav.SampleRate, 440, minRms: 0.3));
        Assert.False(ToneAnalysis.HasTone(wav.Samples, wav.SampleRate, 1000, minRms: 0.01));
    }
}
