using System.Text;

namespace ContactCenter.Orchestrator.Intents;

/// <summary>
/// Puts transcripts and dialplan phrases in one form so they compare word for word: lower case, punctuation
/// dropped, single spaces. ASR output (Moonshine writes "Um, what's my balance?") and hand-written phrases
/// then meet in the middle. Apostrophes inside words stay ("what's", "i'm"): contractions are matched as written.
/// </summary>
public static class TranscriptNormalizer
{
    public static string Normalize(string text)
    {
        var normalized = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && normalized.Length > 0)
                {
                    normalized.Append(' ');
                }

                pendingSpace = false;
                normalized.Append(char.ToLowerInvariant(c));
            }
            else if (IsApostrophe(c) && !pendingSpace && normalized.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                // Typographic apostrophes (U+2019, which some ASR and editors produce) become the ASCII one.
                normalized.Append('\'');
            }
            else
            {
                pendingSpace = true;
            }
        }

        return normalized.ToString();
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018';
}
