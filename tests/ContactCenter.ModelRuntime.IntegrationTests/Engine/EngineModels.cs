using ContactCenter.ModelRuntime.Models;
using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.IntegrationTests.Engine;

/// <summary>
/// The real models and the bot's voice, loaded once for every engine test ("Engine" collection): Silero VAD and
/// Moonshine tiny from the repository's .models (or $CONTACTCENTER_MODELS), flite "slt" with a prompt cache.
/// </summary>
public sealed class EngineModels : IDisposable
{
    public EngineModels()
    {
        Files = ModelFiles.Locate(ModelsFolder());
        var inference = new InferenceOptions { IntraOpThreads = 1 };
        Vad = SileroVad.Load(Files, inference);
        Asr = MoonshineAsr.Load(Files, inference);
        Prompts = new PromptCache(FliteSynthesizer.Create("slt"));
    }

    public ModelFiles Files { get; }

    public SileroVad Vad { get; }

    public MoonshineAsr Asr { get; }

    /// <summary>The bot's prompts ("slt"); callers speak with other voices so the two are never the same audio.</summary>
    public PromptCache Prompts { get; }

    /// <summary>The repository's .models, found as the unit tests find it (null when $CONTACTCENTER_MODELS is set).</summary>
    public static string? ModelsFolder() => ModelsFixture.ConfiguredFolder();

    public void Dispose()
    {
        Vad.Dispose();
        Asr.Dispose();
    }
}
