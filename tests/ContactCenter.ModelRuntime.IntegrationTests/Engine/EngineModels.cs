using System.Runtime.CompilerServices;
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

    /// <summary>
    /// $CONTACTCENTER_MODELS when set (Locate reads it), else the repository's .models above this source file: the
    /// tests are often built into an artifacts path outside the repository, where the walk up finds nothing.
    /// </summary>
    public static string? ModelsFolder([CallerFilePath] string sourceFile = "")
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ModelFiles.EnvironmentVariable)))
        {
            return null;
        }

        for (var at = new FileInfo(sourceFile).Directory; at is not null; at = at.Parent)
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
