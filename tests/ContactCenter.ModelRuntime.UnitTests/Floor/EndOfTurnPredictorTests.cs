using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Floor;

namespace ContactCenter.ModelRuntime.UnitTests.Floor;

public sealed class EndOfTurnPredictorTests
{
    private static readonly Expectation Menu = new()
    {
        Kind = ExpectationKind.Choice,
        Phrases = ["pay my bill", "check my balance", "report an outage", "agent"],
    };

    [Theory]
    [InlineData("one two three four five six seven eight", 8, Completeness.Complete)]
    [InlineData("One, two, three, four, five, six, seven, eight.", 8, Completeness.Complete)]
    [InlineData("1234 5678", 8, Completeness.Complete)]
    [InlineData("It's 1,234,567, 8.", 8, Completeness.Complete)]
    [InlineData("oh seven double five nine triple two", 8, Completeness.Complete)]
    [InlineData("zero one two three four five six seven eight nine", 8, Completeness.Complete)]
    [InlineData("one two three four five six seven eight um", 8, Completeness.Complete)]
    [InlineData("one two three four", 8, Completeness.Incomplete)]
    [InlineData("My number is 4 5 6", 8, Completeness.Incomplete)]
    [InlineData("I don't have it", 8, Completeness.Unknown)]
    [InlineData("hold on let me get my", 8, Completeness.Incomplete)]
    public void Digits_are_counted(string transcript, int digits, Completeness expected) =>
        Assert.Equal(expected, EndOfTurnPredictor.Judge(transcript, new Expectation { Kind = ExpectationKind.Digits, DigitCount = digits }));

    [Theory]
    [InlineData("I want to pay my bill.", Completeness.Complete)]
    [InlineData("Pay my bill", Completeness.Complete)]
    [InlineData("Can I check my balance?", Completeness.Complete)]
    [InlineData("An agent, please.", Completeness.Complete)]
    [InlineData("I want to pay my bill and", Completeness.Incomplete)]
    [InlineData("I'd like to", Completeness.Incomplete)]
    [InlineData("I have a question about my account", Completeness.Unknown)]
    [InlineData("I want to repay my billing", Completeness.Unknown)]
    [InlineData("agents", Completeness.Unknown)]
    public void A_menu_choice_is_matched_on_whole_words(string transcript, Completeness expected) =>
        Assert.Equal(expected, EndOfTurnPredictor.Judge(transcript, Menu));

    [Theory]
    [InlineData("Yes.", Completeness.Complete)]
    [InlineData("Nope", Completeness.Complete)]
    [InlineData("Yeah, that's correct.", Completeness.Complete)]
    [InlineData("Of course", Completeness.Complete)]
    [InlineData("Yes, but", Completeness.Incomplete)]
    [InlineData("I don't know", Completeness.Complete)]
    [InlineData("Let me think", Completeness.Unknown)]
    public void Yes_and_no_are_complete_answers(string transcript, Completeness expected) =>
        Assert.Equal(expected, EndOfTurnPredictor.Judge(transcript, new Expectation { Kind = ExpectationKind.YesNo }));

    [Theory]
    [InlineData("My internet has been down since this morning.", Completeness.Unknown)]
    [InlineData("I'm calling because", Completeness.Incomplete)]
    [InlineData("I need help with the", Completeness.Incomplete)]
    [InlineData("So, um", Completeness.Incomplete)]
    [InlineData("Uh.", Completeness.Incomplete)]
    [InlineData("I moved to a new place, and", Completeness.Incomplete)]
    [InlineData("", Completeness.Unknown)]
    [InlineData("...", Completeness.Unknown)]
    public void Open_questions_are_incomplete_only_on_a_trailing_hesitation_or_connective(string transcript, Completeness expected) =>
        Assert.Equal(expected, EndOfTurnPredictor.Judge(transcript, Expectation.Open));
}
