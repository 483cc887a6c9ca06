using ContactCenter.Media.Audio;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>The runtime itself (ModelFiles pins, MoonshineAsr) runs on what the tool writes, as a GPU host would with ModelRuntime:Moonshine=Fp32.</summary>
[Collection(MoonshineFp32Collection.Name)]
public sealed class RuntimeFp32Tests(MoonshineFp32Fixture fixture)
{
    [Theory]
    [InlineData("all-circuits-busy-now.wav")]
    [InlineData("check-number-dial-again.wav")]
    public void The_runtime_loads_the_fp32_variant_by_its_pins_and_hears_what_int8_hears(string file)
    {
        Assert.Equal(0, fixture.ExitCode);
        foreach (string shared in new[] { "silero_vad.onnx", "llama-tokenizer.js" })
        {
            string link = Path.Combine(fixture.Root, shared);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine(TestModels.Directory, shared));
            }
        }

        var fp32Files = ModelFiles.Locate(fixture.Root, MoonshineVariant.Fp32);
        var int8Files = ModelFiles.Locate(fixture.Root, MoonshineVariant.Int8);
        var speech = WavFile.Read(Path.Combine(SpeechSamples.SoundsDirectory, file)).Samples;
        using var fp32 = MoonshineAsr.Load(fp32Files, new InferenceOptions());
        using var int8 = MoonshineAsr.Load(int8Files, new InferenceOptions());

        var clip = MoonshineAsr.PrepareTelephoneAudio(speech);
        string heardByFp32 = fp32.Transcribe([clip])[0];

        Assert.EndsWith("moonshine-tiny-fp32/encoder_model.onnx", fp32Files.MoonshineEncoder, StringComparison.Ordinal);
        Assert.NotEmpty(heardByFp32);
        Assert.Equal(int8.Transcribe([clip])[0], heardByFp32);
    }
}
