using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Dialplans;

namespace ContactCenter.Orchestrator.UnitTests.Dialplans;

public sealed class DialplanLoaderTests
{
    private const string Minimal = """
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay my bill]
            say: Pay online.
        """;

    [Fact]
    public void The_sample_dialplan_loads_with_its_five_intents_in_order()
    {
        var dialplan = DialplanLoader.Load(RepoFiles.SampleDialplan);

        Assert.Equal("Contoso Energy", dialplan.Name);
        Assert.Equal(RepoFiles.SampleDialplan, dialplan.Source);
        Assert.Equal(
            "Welcome to Contoso Energy. You can pay a bill, check your balance, report an outage, or talk to an agent. How can I help?",
            dialplan.Greeting);
        Assert.Equal(
            "Sorry, I did not understand. You can pay a bill, check your balance, report an outage, or talk to an agent.",
            dialplan.Fallback);
        Assert.False(dialplan.Backchannels);
        Assert.Equal(["pay-bill", "check-balance", "report-outage", "agent", "goodbye"], dialplan.Intents.Select(intent => intent.Name));
        Assert.Equal(
            [PromptFollowUp.Listen, PromptFollowUp.Listen, PromptFollowUp.Listen, PromptFollowUp.TransferToAgent, PromptFollowUp.HangUp],
            dialplan.Intents.Select(intent => intent.Then));
        Assert.All(dialplan.Intents, intent => Assert.True(intent.Phrases.Count >= 5, intent.Name + " has few phrases"));
    }

    [Fact]
    public void The_sample_agent_intent_is_not_bargeable_and_goes_to_the_gateway_queue()
    {
        var agent = DialplanLoader.Load(RepoFiles.SampleDialplan).Intents.Single(intent => intent.Name == "agent");

        Assert.Equal("Transferring you to an agent now.", agent.Say);
        Assert.False(agent.Bargeable);
        Assert.Null(agent.Target);
        Assert.Contains("representative", agent.Phrases);
    }

    [Fact]
    public void The_sample_goodbye_intent_thanks_the_caller_and_hangs_up()
    {
        var goodbye = DialplanLoader.Load(RepoFiles.SampleDialplan).Intents.Single(intent => intent.Name == "goodbye");

        Assert.Equal("Thank you for calling Contoso Energy. Goodbye.", goodbye.Say);
        Assert.Equal(PromptFollowUp.HangUp, goodbye.Then);
        Assert.True(goodbye.Bargeable);
    }

    [Theory]
    [InlineData("pay-bill")]
    [InlineData("check-balance")]
    public void The_sample_answers_used_for_interruption_tests_are_long(string name)
    {
        // The end-to-end test interrupts the pay-bill answer and says "mhm" during check-balance: each needs
        // several seconds of speech (flite speaks about 3 words a second; 25 words is over 8 s).
        var intent = DialplanLoader.Load(RepoFiles.SampleDialplan).Intents.Single(intent => intent.Name == name);

        Assert.True(intent.Say.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 25, intent.Say);
        Assert.True(intent.Bargeable);
    }

    [Fact]
    public void Optional_fields_take_their_defaults()
    {
        var dialplan = Parse(Minimal);

        var intent = Assert.Single(dialplan.Intents);
        Assert.Equal(PromptFollowUp.Listen, intent.Then);
        Assert.True(intent.Bargeable);
        Assert.Null(intent.Target);
        Assert.False(dialplan.Backchannels);
        Assert.Equal(["pay my bill"], intent.Phrases);
    }

    [Fact]
    public void Backchannels_bargeable_and_a_transfer_target_are_read()
    {
        var dialplan = Parse("""
            name: Test line
            backchannels: true
            greeting: Hello.
            fallback: Sorry.
            intents:
              - name: billing
                phrases: [billing]
                say: Connecting you to billing.
                bargeable: false
                then: transfer
                target: sip:billing@pbx.example.com
            """);

        Assert.True(dialplan.Backchannels);
        var intent = Assert.Single(dialplan.Intents);
        Assert.False(intent.Bargeable);
        Assert.Equal(PromptFollowUp.TransferToAgent, intent.Then);
        Assert.Equal("sip:billing@pbx.example.com", intent.Target);
    }

    [Theory]
    [InlineData("""
        name: Test line
        greting: Hello.
        """, 2, 1, "unknown key 'greting' in the dialplan")]
    [InlineData("""
        name: Test line
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay]
            say: Pay online.
        """, 1, 1, "the dialplan is missing 'greeting'")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: []
            say: Pay online.
        """, 6, 14, "'phrases' is empty")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay]
            say: Pay online.
            then: transfr
        """, 8, 11, "unknown 'then' value 'transfr' (expected listen, transfer or hangup)")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay]
            say: Pay online.
          - name: pay-bill
            phrases: [payment]
            say: Pay online.
        """, 8, 11, "duplicate intent name 'pay-bill' (first defined at 5:11)")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay]
            sey: Pay online.
        """, 7, 5, "unknown key 'sey' in an intent")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay]
        """, 5, 5, "intent 'pay-bill' is missing 'say'")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay, "?!"]
            say: Pay online.
        """, 6, 20, "phrase '?!' has no words")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: pay-bill
            phrases: [pay]
            say: Pay online.
            bargeable: maybe
        """, 8, 16, "'bargeable' must be true or false")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: agent
            phrases: [agent]
            say: Transferring.
            target: sip:agent@pbx
        """, 8, 13, "'target' is only used with 'then: transfer'")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents:
          - name: agent
            phrases: [agent]
            say: Transferring.
            then: transfer
            target: agent@pbx
        """, 9, 13, "'target' must be a SIP URI")]
    [InlineData("""
        name: Test line
        greeting:
        fallback: Sorry.
        """, 2, 10, "'greeting' is empty")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        fallback: Sorry.
        intents: pay
        """, 4, 10, "'intents' must be a non-empty list of intents")]
    [InlineData("""
        name: Test line
        greeting: Hello.
        greeting: Hi.
        """, 3, 1, "Duplicate key")]
    [InlineData("""
        name: Test line
        greeting: "Hello.
        """, 2, 11, "quoted scalar")]
    [InlineData("""
        - name: Test line
        """, 1, 1, "the dialplan must be a mapping")]
    [InlineData("", 1, 1, "the dialplan is empty")]
    public void Errors_name_the_line_and_column_of_the_offending_node(string yaml, int line, int column, string reason)
    {
        var error = Assert.Throws<DialplanException>(() => Parse(yaml));

        Assert.StartsWith($"test.yaml:{line}:{column}: ", error.Message);
        Assert.Contains(reason, error.Reason);
        Assert.DoesNotContain("Line:", error.Message); // the location is said once, in the file:line:column form
        Assert.Equal(("test.yaml", line, column), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void Errors_from_a_file_name_the_file_as_given()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cc-dialplan-").FullName, "broken.yaml");
        try
        {
            File.WriteAllText(path, "name: Test line\ngreeting: Hello.\nfallback: Sorry.\nintents:\n  - name: x\n    phrases: [x]\n    say: X.\n    then: later\n");

            var error = Assert.Throws<DialplanException>(() => DialplanLoader.Load(path));

            Assert.Equal($"{path}:8:11: unknown 'then' value 'later' (expected listen, transfer or hangup)", error.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static Dialplan Parse(string yaml) => DialplanLoader.Parse(new StringReader(yaml), "test.yaml");
}
