using System.Runtime.CompilerServices;
using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.UnitTests;

/// <summary>
/// The real models, located and verified once and loaded once for every test class in the "Models" collection
/// (<c>[Collection(ModelsCollection.Name)]</c>, constructor parameter <c>ModelsFixture models</c>). On the CPU,
/// one operator thread each: the test host shares its cores.
/// </summary>
public sealed class ModelsFixture : IDisposable
{
    public ModelsFixture()
    {
        Files = ModelFiles.Locate(ConfiguredFolder());
        Options = new InferenceOptions { IntraOpThreads = 1 };
        Vad = SileroVad.Load(Files, Options);
        Asr = MoonshineAsr.Load(Files, Options);
    }

    public ModelFiles Files { get; }

    public InferenceOptions Options { get; }

    public SileroVad Vad { get; }

    public MoonshineAsr Asr { get; }

    public LlamaVocabulary Vocabulary => Asr.Vocabulary;

    /// <summary>Transcribes one 8 kHz clip.</summary>
    public string Transcribe(short[] pcm8k) => Asr.Transcribe([MoonshineAsr.PrepareTelephoneAudio(pcm8k)])[0];

    /// <summary>
    /// $CONTACTCENTER_MODELS when set (Locate reads it), else the repository's .models above this source file:
    /// the tests are often built into an artifacts path outside the repository, where the walk up finds nothing.
    /// </summary>
    public static string? ConfiguredFolder([CallerFilePath] string sourceFile = "")
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ModelFiles.EnvironmentVariable)))
        {
            return null;
        }

        for (DirectoryInfo? at = new FileInfo(sourceFile).Directory; at is not null; at = at.Parent)
        {
            string candidate = Path.Combine(at.FullName, ModelFiles.FolderName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public void Dispose()
    {
        Vad.Dispose();
        Asr.Dispose();
    }
}
