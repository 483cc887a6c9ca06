namespace ContactCenter.ModelRuntime.Speech;

/// <summary>Renders each prompt text once and keeps it (least recently used out past the capacity). Thread-safe.</summary>
public sealed class PromptCache
{
    public PromptCache(FliteSynthesizer synthesizer, int capacity = 1024) => throw new NotImplementedException();

    public SpokenText Get(string text) => throw new NotImplementedException();
}
