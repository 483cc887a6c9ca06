using System.Collections.Frozen;

namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// Recognises a backchannel: the short "mhm", "okay", "yeah" a listener says to show they follow, which must not
/// take the floor from the bot (DESIGN §2). Moonshine renders the hums in several spellings ("Mm-hmm.", "Mhm.",
/// "Hmm.", "Mm.", "Uh-huh."), so hyphens and punctuation are dropped and any word made only of m's and h's counts.
/// Over telephone audio it also writes a hum as a hesitation ("Um, um.", "And um?"): a short, wordless sound like
/// that does not take the floor either (a caller who wants it keeps talking, and long speech is an interruption
/// whatever it says), so hesitations and a bare "and" count too.
/// "No" and anything with content ("okay but ...") are not backchannels: they disagree or take the turn.
/// </summary>
public static class BackchannelLexicon
{
    /// <summary>Longest backchannel, in the transcript's own words ("mm-hmm" is one, "all right" two).</summary>
    public const int MaxWords = 3;

    private static readonly FrozenSet<string> Words = FrozenSet.ToFrozenSet(
        ["okay", "ok", "yeah", "yep", "yes", "right", "sure", "alright", "uhhuh", "uhuh", "aha", "ah",
            "um", "uh", "er", "erm", "oh", "and"]);

    /// <summary>
    /// Backchannel words as Moonshine writes them, for scoring a clip against (teacher-forced) when greedy decoding heard
    /// something else: a misheard "Yeah." still scores well as "Yeah.", a real "Stop." does not. Not the hums
    /// ("Mm-hmm.", "Uh-huh."): forced on any short noisy word they score nearly as well as what was heard, so they
    /// would let "Stop." through (measured on the floor corpus; see docs/benchmarks.md).
    /// </summary>
    public static IReadOnlyList<string> Spellings { get; } =
        ["Yeah.", "Yeah,", "Okay.", "Ok,", "Right.", "Right,", "Got it.", "Yes.", "Sure.", "All right.", "I see.", "Yep."];

    private static readonly string[][] Phrases =
        [["all", "right"], ["got", "it"], ["i", "see"], ["uh", "hum"], ["uh", "hmm"]];

    // Sounds that open "uh-huh" however the ASR spells its first syllable ("Uh-huh.", "Ah, huh?", "Oh, huh?").
    private static readonly FrozenSet<string> HuhOpeners = FrozenSet.ToFrozenSet(["uh", "ah", "oh", "um", "er"]);

    /// <summary>True when <paramref name="transcript"/> is at most <see cref="MaxWords"/> words, all of them backchannel words.</summary>
    public static bool IsBackchannel(string? transcript)
    {
        if (string.IsNullOrWhiteSpace(transcript))
        {
            return false;
        }

        // On a short clip Moonshine sometimes repeats itself ("Got it, got it, got it,"): one acknowledgement said once.
        string[] said = CollapseRepeats(transcript.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (said.Length > MaxWords)
        {
            return false;
        }

        string[] words = TranscriptWords.Split(string.Join(' ', said));
        if (words.Length == 0)
        {
            return false;
        }

        int i = 0;
        while (i < words.Length)
        {
            int phrase = MatchPhrase(words, i);
            if (phrase > 0)
            {
                i += phrase;
            }
            else if (IsHum(words[i]) || Words.Contains(words[i]) || IsSecondSyllableOfUhHuh(words, i))
            {
                i++;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops immediate repeats of a word or a two-word phrase, comparing without case or punctuation.</summary>
    private static string[] CollapseRepeats(string[] tokens)
    {
        string[] keys = [.. tokens.Select(token => string.Concat(TranscriptWords.Split(token)))];
        var kept = new List<int>();
        for (int i = 0; i < tokens.Length; i++)
        {
            int n = kept.Count;
            bool repeatsWord = n >= 1 && keys[kept[n - 1]] == keys[i];
            bool repeatsPair = n >= 2 && i + 1 < tokens.Length && keys[kept[n - 2]] == keys[i] && keys[kept[n - 1]] == keys[i + 1];
            if (repeatsPair)
            {
                i++;
            }
            else if (!repeatsWord)
            {
                kept.Add(i);
            }
        }

        return [.. kept.Select(i => tokens[i])];
    }

    /// <summary>
    /// "huh" right after "uh", "ah", "oh" or a hum: the second half of "uh-huh". Alone, "Huh?" asks the bot to
    /// repeat, which takes the floor.
    /// </summary>
    private static bool IsSecondSyllableOfUhHuh(string[] words, int at) =>
        words[at] == "huh" && at > 0 && (HuhOpeners.Contains(words[at - 1]) || IsHum(words[at - 1]));

    /// <summary>"mm", "mmm", "hmm", "mhm", "mmhmm", "hm": a closed-mouth hum, however the ASR spells it.</summary>
    private static bool IsHum(string word) =>
        word.Length >= 2 && word.Contains('m', StringComparison.Ordinal) && word.AsSpan().IndexOfAnyExcept('m', 'h') < 0;

    private static int MatchPhrase(string[] words, int at)
    {
        foreach (string[] phrase in Phrases)
        {
            if (at + phrase.Length <= words.Length && words.AsSpan(at, phrase.Length).SequenceEqual(phrase))
            {
                return phrase.Length;
            }
        }

        return 0;
    }
}
