namespace ContactCenter.ModelRuntime.Models;

/// <summary>Moonshine's token vocabulary: the LLaMA SentencePiece pieces shipped in llama-tokenizer-js@1.2.2.</summary>
public sealed class LlamaVocabulary
{
    public const int BeginOfSequence = 1;
    public const int EndOfSequence = 2;

    public static LlamaVocabulary Load(string llamaTokenizerJsPath) => throw new NotImplementedException();

    public int Count => throw new NotImplementedException();

    /// <summary>Token ids to text: "▁" to spaces, byte tokens (&lt;0x0A&gt;) to UTF-8, special tokens dropped.</summary>
    public string Decode(IEnumerable<int> tokenIds) => throw new NotImplementedException();
}
