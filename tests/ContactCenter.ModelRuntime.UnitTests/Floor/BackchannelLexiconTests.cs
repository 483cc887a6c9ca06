using ContactCenter.ModelRuntime.Floor;

namespace ContactCenter.ModelRuntime.UnitTests.Floor;

public sealed class BackchannelLexiconTests
{
    [Theory]
    [InlineData("Mm-hmm.")]
    [InlineData("mhm")]
    [InlineData("Hmm.")]
    [InlineData("Mm.")]
    [InlineData("Mmm")]
    [InlineData("Mm-hm")]
    [InlineData("Uh-huh.")]
    [InlineData("uh huh")]
    [InlineData("Ah, huh?")] // kal's "Uh-huh." as Moonshine sometimes writes it
    [InlineData("Oh, huh?")]
    [InlineData("Mm, huh.")]
    [InlineData("Okay.")]
    [InlineData("OK")]
    [InlineData("Yeah.")]
    [InlineData("Yep")]
    [InlineData("Yes.")]
    [InlineData("Right.")]
    [InlineData("Sure.")]
    [InlineData("Alright.")]
    [InlineData("All right.")]
    [InlineData("Got it.")]
    [InlineData("I see.")]
    [InlineData("Okay, okay.")]
    [InlineData("Yeah, right, okay.")]
    [InlineData("Mm-hmm, got it.")]
    [InlineData("Um, um.")] // Moonshine on a hummed "mm" over G.711
    [InlineData("And um?")]
    [InlineData("Oh.")]
    [InlineData("Got it, got it, got it,")] // Moonshine repeating itself on a short clip
    [InlineData("Right, right, right, right, right.")]
    public void Short_acknowledgements_are_backchannels(string transcript) =>
        Assert.True(BackchannelLexicon.IsBackchannel(transcript));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("No.")]
    [InlineData("Wait.")]
    [InlineData("Okay, but")]
    [InlineData("Yeah, I want to pay my bill.")]
    [InlineData("Stop")]
    [InlineData("Yeah, yeah, I want to pay")]
    [InlineData("agent")]
    [InlineData("Hello?")]
    [InlineData("Um, actually")]
    [InlineData("And my bill?")]
    [InlineData("h")]
    [InlineData("Huh?")] // "what?": asks the bot to say it again
    [InlineData("Huh, okay.")]
    [InlineData("m")]
    public void Anything_with_content_or_too_long_is_not(string transcript) =>
        Assert.False(BackchannelLexicon.IsBackchannel(transcript));
}
