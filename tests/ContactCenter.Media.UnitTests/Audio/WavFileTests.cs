using ContactCenter.Media.Audio;

namespace ContactCenter.Media.UnitTests.Audio;

public sealed class WavFileTests
{
    [Fact]
    public void A_streamed_recording_reads_back_once_its_sizes_are_patched()
    {
        short[] samples = [.. Enumerable.Range(0, 480).Select(i => (short)((i * 97) - 20000))];
        using var stream = new MemoryStream();

        WavFile.WriteHeader(stream, 8000);
        foreach (var sample in samples)
        {
            stream.Write(BitConverter.GetBytes(sample));
        }

        WavFile.PatchSizes(stream);
        var bytes = stream.ToArray();
        var wav = WavFile.Parse(bytes);

        Assert.Equal(8000, wav.SampleRate);
        Assert.Equal(samples, wav.Samples);
        Assert.Equal(36 + (480 * 2), BitConverter.ToInt32(bytes, 4));
        Assert.Equal(480 * 2, BitConverter.ToInt32(bytes, 40));
        Assert.Equal(WavFile.Encode(samples, 8000), bytes);
    }

    [Fact]
    public void Stereo_is_mixed_down_and_other_sample_formats_are_refused()
    {
        var stereo = WavFile.Encode([1000, 3000, -2000, -4000], 8000);
        stereo[22] = 2; // channels
        var mixed = WavFile.Parse(stereo);
        var eightBit = WavFile.Encode([0, 0], 8000);
        eightBit[34] = 8; // bits per sample

        Assert.Equal([2000, -3000], mixed.Samples);
        Assert.Throws<FormatException>(() => WavFile.Parse(eightBit));
        Assert.Throws<FormatException>(() => WavFile.Parse("not a wav file"u8));
    }
}
