using ContactCenter.ModelRuntime.Models;

namespace ContactCenter.ModelRuntime.UnitTests.Models;

public sealed class LlamaVocabularyTests
{
    private static readonly Lazy<LlamaVocabulary> Shared = new(() =>
        LlamaVocabulary.Load(ModelFiles.Locate(ModelsFixture.ConfiguredFolder()).LlamaTokenizer));

    private static LlamaVocabulary Vocabulary => Shared.Value;

    [Fact]
    public void The_shipped_vocabulary_has_the_llama_pieces_in_order()
    {
        Assert.Equal(32000, Vocabulary.Count);
        Assert.Equal("<unk>", Vocabulary.Piece(0));
        Assert.Equal("<s>", Vocabulary.Piece(LlamaVocabulary.BeginOfSequence));
        Assert.Equal("</s>", Vocabulary.Piece(LlamaVocabulary.EndOfSequence));
        Assert.Equal("<0x0A>", Vocabulary.Piece(13));
        Assert.Null(Vocabulary.Piece(32000));
    }

    [Fact]
    public void Word_pieces_decode_to_words_separated_by_spaces()
    {
        int hello = Vocabulary.IdOf("▁hello");
        int world = Vocabulary.IdOf("▁world");
        Assert.True(hello > 0 && world > 0);

        Assert.Equal("hello world", Vocabulary.Decode([hello, world]));
    }

    [Fact]
    public void Encoding_merges_characters_into_the_best_ranked_pieces_and_marks_each_word()
    {
        Assert.Equal([Vocabulary.IdOf("▁hello"), Vocabulary.IdOf("▁world")], Vocabulary.Encode("hello world"));
        Assert.Equal("hello world", Vocabulary.Decode(Vocabulary.Encode("  hello world ")));
    }

    [Fact]
    public void Encoding_text_with_no_piece_for_a_character_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Vocabulary.Encode("hi \u0001"));
        Assert.Contains("no piece", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Vocabulary.Encode(" "));
    }

    [Fact]
    public void Control_tokens_and_ids_past_the_vocabulary_print_nothing()
    {
        int hello = Vocabulary.IdOf("▁hello");

        Assert.Equal("hello", Vocabulary.Decode([LlamaVocabulary.BeginOfSequence, 0, hello, 32500, LlamaVocabulary.EndOfSequence]));
        Assert.Equal("", Vocabulary.Decode([LlamaVocabulary.BeginOfSequence, LlamaVocabulary.EndOfSequence]));
    }

    [Fact]
    public void Byte_pieces_are_joined_into_utf8()
    {
        // "café\n" as "▁ca", "f", then the two bytes of é and a newline byte.
        int ca = Vocabulary.IdOf("▁ca");
        int f = Vocabulary.IdOf("f");
        Assert.True(ca > 0 && f > 0);

        string text = Vocabulary.Decode([ca, f, Vocabulary.IdOf("<0xC3>"), Vocabulary.IdOf("<0xA9>"), Vocabulary.IdOf("<0x0A>")]);

        Assert.Equal("café\n", text);
    }

    [Fact]
    public void A_script_without_the_vocabulary_string_is_rejected()
    {
        Assert.Throws<FormatException>(() => LlamaVocabulary.Parse("// vocab_base64 is base64 of the tokens\nconst x = 1;"));
    }
}
