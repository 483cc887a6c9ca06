using System.Collections.Frozen;
using ContactCenter.Contracts.Conversation;

namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// Predicts from a (speculative) transcript whether the caller has finished answering what was asked, so the floor
/// can end a complete answer after a short silence and wait longer for an unfinished one (VoiceXML 2.0 §6.3.2:
/// <c>completetimeout</c> vs <c>incompletetimeout</c>). Pure text rules, no model: digits are counted, menu phrases
/// matched, yes/no words recognised, and a trailing hesitation or connective ("um", "and", "the") marks an answer
/// as unfinished.
/// </summary>
public static class EndOfTurnPredictor
{
    /// <summary>Spoken digits. "oh"/"o" are zero in a digit string ("oh one two"), as people read account numbers.</summary>
    private static readonly FrozenSet<string> DigitWords = FrozenSet.ToFrozenSet(
        ["zero", "oh", "o", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]);

    /// <summary>"double five" is two digits, "triple seven" three.</summary>
    private static readonly FrozenDictionary<string, int> Repeaters = new Dictionary<string, int>
    {
        ["double"] = 2,
        ["triple"] = 3,
    }.ToFrozenDictionary();

    /// <summary>Words a turn does not end on: a hesitation, a conjunction, an article or preposition still waiting for its noun.</summary>
    private static readonly FrozenSet<string> Unfinished = FrozenSet.ToFrozenSet(
        ["um", "uh", "er", "erm", "uhm", "hmm", "and", "but", "or", "so", "because", "the", "a", "an", "to", "my", "of", "with",
         "for", "is", "like", "if", "your"]);

    /// <summary>Single words that answer a yes/no question.</summary>
    private static readonly FrozenSet<string> YesNoWords = FrozenSet.ToFrozenSet(
        ["yes", "no", "yeah", "yep", "yup", "nope", "nah", "sure", "correct", "right", "absolutely", "definitely",
         "okay", "ok", "alright", "incorrect", "wrong", "negative", "affirmative", "certainly"]);

    /// <summary>Multi-word yes/no answers.</summary>
    private static readonly string[][] YesNoPhrases =
        [["of", "course"], ["not", "really"], ["that's", "right"], ["uh", "huh"], ["all", "right"], ["i", "do"], ["i", "don't"]];

    /// <summary>
    /// How complete <paramref name="transcript"/> is as an answer to <paramref name="expect"/>:
    /// <list type="bullet">
    /// <item>Digits(n): n or more digits heard is <see cref="Completeness.Complete"/> (whatever follows), fewer is
    /// <see cref="Completeness.Incomplete"/> (half a number). No digit at all is not half a number: the general rules apply.</item>
    /// <item>Choice: one of the expected phrases, word for word, is complete.</item>
    /// <item>YesNo: a yes/no word is complete.</item>
    /// <item>Any kind: ending on a hesitation or connective is incomplete; it overrides a matched choice or yes/no
    /// ("pay my bill and ...") but not a complete digit count. Anything else is <see cref="Completeness.Unknown"/>.</item>
    /// </list>
    /// </summary>
    public static Completeness Judge(string transcript, Expectation expect)
    {
        ArgumentNullException.ThrowIfNull(expect);
        string[] words = TranscriptWords.Split(transcript);
        if (words.Length == 0)
        {
            return Completeness.Unknown;
        }

        if (expect.Kind == ExpectationKind.Digits && expect.DigitCount > 0)
        {
            int digits = CountDigits(words);
            if (digits >= expect.DigitCount)
            {
                return Completeness.Complete;
            }

            if (digits > 0)
            {
                return Completeness.Incomplete;
            }
        }

        if (Unfinished.Contains(words[^1]))
        {
            return Completeness.Incomplete;
        }

        return expect.Kind switch
        {
            ExpectationKind.Choice when MatchesChoice(words, expect.Phrases) => Completeness.Complete,
            ExpectationKind.YesNo when IsYesNo(words) => Completeness.Complete,
            _ => Completeness.Unknown,
        };
    }

    /// <summary>Digits in the words: numerals digit by digit, digit words one each, "double"/"triple" multiplying the next.</summary>
    internal static int CountDigits(string[] words)
    {
        int count = 0;
        int repeat = 1;
        foreach (string word in words)
        {
            if (Repeaters.TryGetValue(word, out int times))
            {
                repeat = times;
                continue;
            }

            if (DigitWords.Contains(word))
            {
                count += repeat;
            }
            else
            {
                foreach (char c in word)
                {
                    if (char.IsAsciiDigit(c))
                    {
                        count++;
                    }
                }
            }

            repeat = 1;
        }

        return count;
    }

    private static bool MatchesChoice(string[] words, IReadOnlyList<string> phrases)
    {
        foreach (string phrase in phrases)
        {
            if (TranscriptWords.ContainsPhrase(words, TranscriptWords.Split(phrase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsYesNo(string[] words)
    {
        foreach (string word in words)
        {
            if (YesNoWords.Contains(word))
            {
                return true;
            }
        }

        foreach (string[] phrase in YesNoPhrases)
        {
            if (TranscriptWords.ContainsPhrase(words, phrase))
            {
                return true;
            }
        }

        return false;
    }
}
