using ContactCenter.ModelRuntime.Models;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.Platform.IntegrationTests.Platform;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The real models as the host loads them (one intra-op thread per session, CPU): Silero VAD, Moonshine tiny, and
/// the bot's flite voice "slt" behind a prompt cache. Loaded once per benchmark run and shared by every engine.
/// </summary>
internal sealed class VoiceModels : IDisposable
{
    private VoiceModels(ModelFiles files, InferenceOptions inference)
    {
        Files = files;
        Vad = SileroVad.Load(files, inference);
        Asr = MoonshineAsr.Load(files, inference);
        Prompts = new PromptCache(FliteSynthesizer.Create("slt"));
    }

    public ModelFiles Files { get; }

    public SileroVad Vad { get; }

    public MoonshineAsr Asr { get; }

    /// <summary>The bot's prompts ("slt"); callers speak with other voices, never the bot's own audio.</summary>
    public PromptCache Prompts { get; }

    /// <summary>Finds and verifies the installed models ($CONTACTCENTER_MODELS, else the repository's .models) and loads them.</summary>
    public static VoiceModels Load() => new(
        ModelFiles.Locate(Environment.GetEnvironmentVariable(ModelFiles.EnvironmentVariable) ?? RepositoryPaths.Models),
        new InferenceOptions { IntraOpThreads = 1 });

    public void Dispose()
    {
        Vad.Dispose();
        Asr.Dispose();
    }
}
