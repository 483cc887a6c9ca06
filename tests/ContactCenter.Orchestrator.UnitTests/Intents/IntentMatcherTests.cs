using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Orchestrator.Intents;

namespace ContactCenter.Orchestrator.UnitTests.Intents;

public sealed class IntentMatcherTests
{
    private static readonly IntentMatcher Sample = new(DialplanLoader.Load(RepoFiles.SampleDialplan));

    [Theory]
    // Moonshine-style transcripts: capitals, punctuation, fillers.
    [InlineData("I want to pay my bill.", "pay-bill", "pay my bill")]
    [InlineData("I'd like to make a payment, please.", "pay-bill", "make a payment")]
    [InlineData("Pay.", "pay-bill", "pay")]
    [InlineData("Um, what's my balance?", "check-balance", "what's my balance")]
    [InlineData("How much do I owe?", "check-balance", "how much do i owe")]
    [InlineData("Uh, how much is my bill this month?", "check-balance", "how much is my bill")]
    [InlineData("My power is out.", "report-outage", "power is out")]
    [InlineData("The lights are out on my whole street!", "report-outage", "lights are out")]
    [InlineData("I want to report an outage.", "report-outage", "report an outage")]
    [InlineData("Can I talk to a human?", "agent", "human")]
    [InlineData("Representative.", "agent", "representative")]
    [InlineData("Let me speak to someone, please.", "agent", "someone")]
    [InlineData("Goodbye!", "goodbye", "goodbye")]
    [InlineData("No thanks, that's all.", "goodbye", "that's all")]
    [InlineData("That\u2019s all.", "goodbye", "that's all")]
    [InlineData("  OK   BYE  ", "goodbye", "bye")]
    public void Transcripts_select_the_intent_of_their_most_specific_phrase(string transcript, string intent, string phrase)
    {
        var match = Sample.Match(transcript);

        Assert.NotNull(match);
        Assert.Equal(intent, match.Intent.Name);
        Assert.Equal(phrase, match.Phrase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mhm.")]
    [InlineData("Okay.")]
    [InlineData("What's the weather like?")]
    [InlineData("I already paid.")]            // "paid" is not the word "pay"
    [InlineData("Is there a repayment plan?")] // "payment" only as part of a longer word
    [InlineData("Agents of change.")]          // "agent" only as part of a longer word
    public void Transcripts_without_a_phrase_at_word_boundaries_match_nothing(string transcript)
    {
        Assert.Null(Sample.Match(transcript));
    }

    [Fact]
    public void The_longest_matching_phrase_wins_over_an_earlier_intent()
    {
        var matcher = new IntentMatcher(Dialplan(("balance", ["balance"]), ("pay", ["pay my balance"])));

        Assert.Equal("pay", matcher.Match("I'd like to pay my balance now")?.Intent.Name);
        Assert.Equal("balance", matcher.Match("What's my balance?")?.Intent.Name);
    }

    [Fact]
    public void Ties_go_to_the_intent_listed_first()
    {
        var matcher = new IntentMatcher(Dialplan(("first", ["agent"]), ("second", ["agent", "human"])));

        Assert.Equal("first", matcher.Match("Agent, please.")?.Intent.Name);
        Assert.Equal("second", matcher.Match("A human.")?.Intent.Name);
    }

    [Fact]
    public void The_expectation_is_a_choice_of_every_phrase_normalised_once_in_dialplan_order()
    {
        var matcher = new IntentMatcher(Dialplan(("a", ["Pay my bill!", "balance"]), ("b", ["That's all", "BALANCE"])));

        Assert.Equal(ExpectationKind.Choice, matcher.Expectation.Kind);
        Assert.Equal(["pay my bill", "balance", "that's all"], matcher.Expectation.Phrases);
    }

    [Fact]
    public void The_sample_expectation_holds_every_phrase_of_the_sample()
    {
        var dialplan = DialplanLoader.Load(RepoFiles.SampleDialplan);

        var phrases = new IntentMatcher(dialplan).Expectation.Phrases;

        Assert.Equal(dialplan.Intents.Sum(intent => intent.Phrases.Count), phrases.Count);
        Assert.Contains("pay my bill", phrases);
        Assert.Contains("what's my balance", phrases);
        Assert.Contains("goodbye", phrases);
    }

    [Theory]
    [InlineData("Um, what's my balance?", "um what's my balance")]
    [InlineData("Hello...   WORLD!!", "hello world")]
    [InlineData("'quoted' words", "quoted words")]
    [InlineData("rock \u2019n\u2019 roll", "rock n roll")]
    [InlineData("I\u2019m done.", "i'm done")]
    [InlineData("account #12-34", "account 12 34")]
    [InlineData("?!", "")]
    public void Normalising_lowercases_drops_punctuation_and_keeps_apostrophes_inside_words(string text, string expected)
    {
        Assert.Equal(expected, TranscriptNormalizer.Normalize(text));
    }

    private static Dialplan Dialplan(params (string Name, string[] Phrases)[] intents) => new()
    {
        Source = "test.yaml",
        Name = "Test line",
        Greeting = "Hello.",
        Fallback = "Sorry.",
        Intents = intents.Select(intent => new DialplanIntent { Name = intent.Name, Phrases = intent.Phrases, Say = intent.Name }).ToArray(),
    };
}
