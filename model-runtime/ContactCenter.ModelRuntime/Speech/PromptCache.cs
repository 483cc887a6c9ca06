using System.Collections.Concurrent;

namespace ContactCenter.ModelRuntime.Speech;

/// <summary>
/// Renders each prompt text once and keeps it (least recently used out past the capacity). Thread-safe: a text
/// asked for by many calls at once is rendered by one of them, the others wait for it (DESIGN §2: dialplan
/// prompts are rendered once, so the first TTS frame is a lookup).
/// </summary>
public sealed class PromptCache
{
    private readonly FliteSynthesizer _synthesizer;
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _evictionGate = new();
    private long _clock;

    public PromptCache(FliteSynthesizer synthesizer, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _synthesizer = synthesizer;
        _capacity = capacity;
    }

    /// <summary>Texts held now.</summary>
    public int Count => _entries.Count;

    public FliteSynthesizer Synthesizer => _synthesizer;

    public SpokenText Get(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Entry entry = _entries.GetOrAdd(text, static (key, synthesizer) => new Entry(
            new Lazy<SpokenText>(() => synthesizer.Synthesize(key), LazyThreadSafetyMode.ExecutionAndPublication)),
            _synthesizer);
        Volatile.Write(ref entry.LastUsed, Interlocked.Increment(ref _clock));
        SpokenText spoken;
        try
        {
            spoken = entry.Speech.Value;
        }
        catch
        {
            // A failed rendering is not cached: the next request tries again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(text, entry));
            throw;
        }

        if (_entries.Count > _capacity)
        {
            Evict();
        }

        return spoken;
    }

    /// <summary>Drops the least recently used texts down to 90 % of the capacity, so eviction is not paid on every miss.</summary>
    private void Evict()
    {
        lock (_evictionGate)
        {
            int excess = _entries.Count - Math.Max(1, _capacity * 9 / 10);
            if (_entries.Count <= _capacity || excess <= 0)
            {
                return;
            }

            foreach (KeyValuePair<string, Entry> stale in _entries.OrderBy(e => Volatile.Read(ref e.Value.LastUsed)).Take(excess))
            {
                _entries.TryRemove(stale);
            }
        }
    }

    private sealed class Entry(Lazy<SpokenText> speech)
    {
        public long LastUsed;

        public Lazy<SpokenText> Speech { get; } = speech;
    }
}
