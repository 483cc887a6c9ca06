using System.Text;

namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// Turns an ASR transcript into the lowercase words that end-of-turn prediction and the backchannel lexicon compare:
/// Moonshine writes sentence case with punctuation ("Mm-hmm.", "Four, five, six."), so case, punctuation and
/// hyphens are dropped; apostrophes inside words stay ("i'm"), digits stay (a numeral is counted digit by digit).
/// </summary>
internal static class TranscriptWords
{
    /// <summary>Lowercase words; hyphens split words ("mm-hmm" gives "mm", "hmm"), other punctuation is removed.</summary>
    public static string[] Split(string? transcript)
    {
        if (string.IsNullOrWhiteSpace(transcript))
        {
            return [];
        }

        var text = new StringBuilder(transcript.Length);
        foreach (char c in transcript)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019')
            {
                // Kept only between letters ("don't"); a quote mark around a word is punctuation.
                text.Append('\'');
            }
            else if (c is ',' or '.' && text.Length > 0 && char.IsDigit(text[^1]))
            {
                // "1,234" or "4.5" is one numeral: drop the separator, keep the digits together.
                continue;
            }
            else
            {
                text.Append(' ');
            }
        }

        string[] words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = words[i].Trim('\'');
        }

        return Array.FindAll(words, w => w.Length > 0);
    }

    /// <summary>True when <paramref name="phrase"/>'s words occur, in order and adjacent, in <paramref name="words"/>.</summary>
    public static bool ContainsPhrase(string[] words, string[] phrase)
    {
        if (phrase.Length == 0 || phrase.Length > words.Length)
        {
            return false;
        }

        for (int start = 0; start + phrase.Length <= words.Length; start++)
        {
            if (words.AsSpan(start, phrase.Length).SequenceEqual(phrase))
            {
                return true;
            }
        }

        return false;
    }
}
