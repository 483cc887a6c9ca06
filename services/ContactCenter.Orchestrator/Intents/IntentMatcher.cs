using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Dialplans;

namespace ContactCenter.Orchestrator.Intents;

/// <summary>
/// Keyword/phrase intent matching for a dialplan: an intent matches when one of its phrases occurs in the
/// transcript at word boundaries; the longest matching phrase wins, as the most specific ("pay my balance"
/// over "balance"), and ties go to the intent listed first. Deliberately simple and predictable until the
/// orchestrator issue brings richer expectations; it is also what the runtime's end-of-turn prediction is
/// told to expect (<see cref="Expectation"/>).
/// </summary>
public sealed class IntentMatcher
{
    private readonly List<(DialplanIntent Intent, string Phrase, string Padded)> _phrases = [];

    public IntentMatcher(Dialplan dialplan)
    {
        foreach (var intent in dialplan.Intents)
        {
            foreach (var phrase in intent.Phrases)
            {
                var normalized = TranscriptNormalizer.Normalize(phrase);
                _phrases.Add((intent, normalized, $" {normalized} "));
            }
        }

        Expectation = new Expectation
        {
            Kind = ExpectationKind.Choice,
            Phrases = _phrases.Select(entry => entry.Phrase).Distinct(StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>A menu choice whose phrases are every intent's phrases, normalised, in dialplan order.</summary>
    public Expectation Expectation { get; }

    /// <summary>The best matching intent, or null when no phrase occurs in the transcript.</summary>
    public IntentMatch? Match(string transcript)
    {
        // Padding both sides with a space makes "occurs at word boundaries" a plain substring test:
        // " pay " is not found in " payment ", " bye " not in " goodbye ".
        var padded = $" {TranscriptNormalizer.Normalize(transcript)} ";
        (DialplanIntent Intent, string Phrase, string Padded)? best = null;
        foreach (var entry in _phrases)
        {
            if (padded.Contains(entry.Padded, StringComparison.Ordinal) && (best is null || entry.Phrase.Length > best.Value.Phrase.Length))
            {
                best = entry;
            }
        }

        return best is { } match ? new IntentMatch(match.Intent, match.Phrase) : null;
    }
}
