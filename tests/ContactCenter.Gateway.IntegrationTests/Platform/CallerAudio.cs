using ContactCenter.Gateway.IntegrationTests.Audio;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Media.Audio;

namespace ContactCenter.Gateway.IntegrationTests.Platform;

/// <summary>Audio for the baresip caller: baresip hangs up when its file ends, so calls that run long need long files.</summary>
public static class CallerAudio
{
    public static string Tone(PeerScratch scratch, double seconds = 20)
    {
        var path = scratch.UniquePath("caller-440", ".wav");
        WavFile.Write(path, Tones.Generate(PeerEndpoints.ToneHz(PeerRole.Caller), seconds, 8000, amplitude: 0.4), 8000);
        return path;
    }
}
