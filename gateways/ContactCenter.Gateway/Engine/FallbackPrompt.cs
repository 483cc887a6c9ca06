using System.Collections.Concurrent;
using ContactCenter.Gateway.Engine.Loop;

namespace ContactCenter.Gateway.Engine;

/// <summary>
/// The message a caller hears when the engine fails ("Gateway:FallbackWav"), loaded on first need and then
/// shared by every call: an outage fails many calls at once, and they must not each read the file.
/// </summary>
internal static class FallbackPrompt
{
    private static readonly ConcurrentDictionary<string, Lazy<Prompt>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The prompt at <paramref name="path"/>; throws as <see cref="Prompt.Load"/> does when it is missing or not 8 kHz.</summary>
    public static Prompt Get(string path) =>
        Loaded.GetOrAdd(Path.GetFullPath(path), full => new Lazy<Prompt>(() => Prompt.Load(full, "Gateway:FallbackWav"))).Value;
}
