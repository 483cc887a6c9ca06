using System.Runtime.CompilerServices;
using ContactCenter.ModelRuntime.Models;
using ContactCenter.ModelRuntime.Speech;

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
    public static VoiceModels Load() => new(ModelFiles.Locate(ModelsFolder()), new InferenceOptions { IntraOpThreads = 1 });

    public void Dispose()
    {
        Vad.Dispose();
        Asr.Dispose();
    }

    /// <summary>
    /// Null when $CONTACTCENTER_MODELS is set (Locate reads it); else .models above the working directory, else above
    /// this source file: the benchmark is often built into an artifacts path outside the repository.
    /// </summary>
    private static string? ModelsFolder([CallerFilePath] string sourceFile = "")
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ModelFiles.EnvironmentVariable)))
        {
            return null;
        }

        foreach (var start in new[] { new DirectoryInfo(Environment.CurrentDirectory), new FileInfo(sourceFile).Directory })
        {
            for (var at = start; at is not null; at = at.Parent)
            {
                string candidate = Path.Combine(at.FullName, ModelFiles.FolderName);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
