using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// Moonshine's token vocabulary: the LLaMA SentencePiece pieces shipped in llama-tokenizer-js@1.2.2, whose
/// llama-tokenizer.js carries them as <c>vocab_base64 = "..."</c>: base64 of UTF-8 text, one piece per line,
/// the line number being the token id. Decoding follows SentencePiece: "▁" (U+2581) marks a word boundary,
/// pieces &lt;0xNN&gt; are raw bytes of a UTF-8 sequence, and the control tokens print nothing.
/// </summary>
public sealed partial class LlamaVocabulary
{
    public const int Unknown = 0;
    public const int BeginOfSequence = 1;
    public const int EndOfSequence = 2;

    private const string Marker = "vocab_base64";
    private const char WordBoundary = '\u2581';

    private readonly string[] _pieces;
    // For byte pieces, the byte; -1 for text pieces.
    private readonly short[] _bytes;
    // Text pieces to their ids, for Encode.
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    private LlamaVocabulary(string[] pieces)
    {
        _pieces = pieces;
        _bytes = new short[pieces.Length];
        for (int id = 0; id < pieces.Length; id++)
        {
            string piece = pieces[id];
            _bytes[id] = piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>'
                && byte.TryParse(piece.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte value)
                ? value
                : (short)-1;
            if (_bytes[id] < 0 && id > EndOfSequence)
            {
                _ids.TryAdd(piece, id);
            }
        }
    }

    public static LlamaVocabulary Load(string llamaTokenizerJsPath) =>
        Parse(File.ReadAllText(llamaTokenizerJsPath, Encoding.UTF8), llamaTokenizerJsPath);

    /// <summary>Reads the vocabulary out of the text of llama-tokenizer.js.</summary>
    internal static LlamaVocabulary Parse(string script, string name = "llama-tokenizer.js")
    {
        // The name also appears in the file's comments; the assignment is the one followed by = and a string.
        Match assignment = Assignment().Match(script);
        if (!assignment.Success)
        {
            throw new FormatException($"{name} has no {Marker} = \"...\" string");
        }

        string text = Encoding.UTF8.GetString(Convert.FromBase64String(assignment.Groups[1].Value));
        string[] pieces = text.Split('\n');
        return pieces.Length > EndOfSequence && pieces[BeginOfSequence] == "<s>" && pieces[EndOfSequence] == "</s>"
            ? new LlamaVocabulary(pieces)
            : throw new FormatException($"{name}: {Marker} is not a LLaMA vocabulary (no <s> and </s> at ids 1 and 2)");
    }

    /// <summary>Pieces in the vocabulary (32,000); Moonshine's logits are wider (32,768) and the ids past the end decode to nothing.</summary>
    public int Count => _pieces.Length;

    /// <summary>The piece of a token id ("▁hello", "&lt;0x0A&gt;", "&lt;s&gt;"); null past the end.</summary>
    public string? Piece(int tokenId) => (uint)tokenId < (uint)_pieces.Length ? _pieces[tokenId] : null;

    /// <summary>The id of a piece, or -1 (for tests and diagnostics: linear).</summary>
    public int IdOf(string piece) => Array.IndexOf(_pieces, piece);

    /// <summary>
    /// Text to token ids as SentencePiece's BPE does it for LLaMA: the text's characters (spaces as "▁", one before the
    /// first word), then the adjacent pair whose joined piece ranks highest (LLaMA's pieces are stored best first, so
    /// the lowest id) is merged, again and again until no pair joins into a piece. A character with no piece throws
    /// (the byte fallback is not needed for the runtime's own phrases).
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string marked = WordBoundary + text.Trim().Replace(' ', WordBoundary);
        var parts = new List<string>(marked.Length);
        foreach (char c in marked)
        {
            string character = c.ToString();
            parts.Add(_ids.ContainsKey(character) ? character
                : throw new ArgumentException($"no piece for '{c}' in \"{text}\"", nameof(text)));
        }

        while (true)
        {
            int best = -1;
            int bestId = int.MaxValue;
            for (int i = 0; i + 1 < parts.Count; i++)
            {
                if (_ids.TryGetValue(parts[i] + parts[i + 1], out int id) && id < bestId)
                {
                    best = i;
                    bestId = id;
                }
            }

            if (best < 0)
            {
                return [.. parts.Select(part => _ids[part])];
            }

            parts[best] += parts[best + 1];
            parts.RemoveAt(best + 1);
        }
    }

    /// <summary>Token ids to text: "▁" to spaces, byte tokens (&lt;0x0A&gt;) to UTF-8, special tokens dropped.</summary>
    public string Decode(IEnumerable<int> tokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (int id in tokenIds)
        {
            if ((uint)id >= (uint)_pieces.Length || id is Unknown or BeginOfSequence or EndOfSequence)
            {
                continue;
            }

            if (_bytes[id] >= 0)
            {
                bytes.Add((byte)_bytes[id]);
                continue;
            }

            FlushBytes(bytes, text);
            text.Append(_pieces[id]);
        }

        FlushBytes(bytes, text);
        text.Replace(WordBoundary, ' ');
        // SentencePiece prefixes the first word with a boundary too; that space is not part of the text.
        return text.ToString().TrimStart(' ');
    }

    [GeneratedRegex("vocab_base64\\s*=\\s*\"([A-Za-z0-9+/=]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();

    private static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count > 0)
        {
            // An incomplete UTF-8 sequence becomes U+FFFD, as SentencePiece's decoder does.
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }
}
