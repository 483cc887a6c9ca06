using System.Text;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Orchestrator.Intents;

namespace ContactCenter.Orchestrator.Flow;

/// <summary>
/// The stateless sample flow of one dialplan: the greeting when a call starts, then one answer per caller turn
/// chosen by <see cref="IntentMatcher"/>. Every prompt expects the dialplan's menu again, so the runtime can end
/// the caller's next turn early once a choice is complete (DESIGN §2, predicted end of turn).
/// </summary>
public sealed class SampleFlow
{
    public const string GreetingPromptId = "greeting";
    public const string FallbackPromptId = "fallback";
    public const string IntentPromptIdPrefix = "intent:";

    public SampleFlow(Dialplan dialplan)
    {
        Dialplan = dialplan;
        Matcher = new IntentMatcher(dialplan);
    }

    public Dialplan Dialplan { get; }

    public IntentMatcher Matcher { get; }

    /// <summary>The greeting for a call that just started, decided at <paramref name="now"/>.</summary>
    public SpeakPrompt Greet(Guid callId, DateTimeOffset now) => new()
    {
        CallId = callId,
        OccurredAt = now,
        PromptId = GreetingPromptId,
        Text = Dialplan.Greeting,
        Expect = Matcher.Expectation,
        Backchannels = Dialplan.Backchannels,
    };

    /// <summary>The answer to a caller turn, decided at <paramref name="now"/>: the matched intent's, or the fallback.</summary>
    public FlowDecision Answer(UtteranceRecognized utterance, DateTimeOffset now)
    {
        var match = string.IsNullOrWhiteSpace(utterance.Transcript) ? null : Matcher.Match(utterance.Transcript);
        var prompt = new SpeakPrompt
        {
            CallId = utterance.CallId,
            OccurredAt = now,
            PromptId = FallbackPromptId,
            Text = Dialplan.Fallback,
            Expect = Matcher.Expectation,
            InResponseTo = utterance.TurnId,
            Backchannels = Dialplan.Backchannels,
        };
        if (match is { Intent: var intent })
        {
            prompt = prompt with
            {
                PromptId = IntentPromptIdPrefix + intent.Name,
                Text = intent.Say,
                Bargeable = intent.Bargeable,
                Then = intent.Then,
                TransferTarget = intent.Then == PromptFollowUp.TransferToAgent ? intent.Target : null,
                TransferContext = intent.Then == PromptFollowUp.TransferToAgent ? TransferContext(utterance, intent) : prompt.TransferContext,
            };
        }

        return new FlowDecision(prompt, match);
    }

    /// <summary>
    /// What the agent sees. The gateway sends each entry as an X-ContactCenter-&lt;key&gt; header on the REFER
    /// (it adds Call-Id and Caller itself), so values are kept to one line: a CR/LF in a transcript must not
    /// be able to start a new SIP header (RFC 3261 §7.3.1).
    /// </summary>
    private static Dictionary<string, string> TransferContext(UtteranceRecognized utterance, DialplanIntent intent) => new(StringComparer.Ordinal)
    {
        ["Call-Id"] = utterance.CallId.ToString(),
        ["Intent"] = intent.Name,
        ["Transcript"] = OneLine(utterance.Transcript),
    };

    private static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var printable = char.IsControl(c) ? ' ' : c;
            if (printable != ' ' || (line.Length > 0 && line[^1] != ' '))
            {
                line.Append(printable);
            }
        }

        return line.ToString().TrimEnd();
    }
}
