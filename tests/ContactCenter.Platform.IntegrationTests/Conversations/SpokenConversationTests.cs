using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Conversation;
using ContactCenter.Gateway.IntegrationTests.Peers;
using ContactCenter.Media.Audio;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Platform.IntegrationTests.Platform;
using Xunit;

namespace ContactCenter.Platform.IntegrationTests.Conversations;

/// <summary>
/// The issue's end-to-end conversation: baresip calls the platform and plays a caller recording — "I want to pay
/// my bill", an interruption during the answer, "uh-huh" during a later prompt, "goodbye" — and the test checks,
/// from the events and from what the caller heard, that the bot answered the right intents, stopped when
/// interrupted and talked through the backchannel.
/// </summary>
[Collection(PeersCollection.Name)]
public sealed class SpokenConversationTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    // How long after the caller stops the bot's answer is assumed to start: end of turn, decision, rendering, lead.
    // Generous, because the script only has to land the next utterance inside a 9-10 s prompt.
    private static readonly TimeSpan AnswerDelay = TimeSpan.FromSeconds(0.8);

    [Fact]
    public async Task Caller_pays_interrupts_backchannels_and_says_goodbye()
    {
        var dialplan = DialplanLoader.Load(RepositoryPaths.SampleDialplan);
        var bot = FliteSynthesizer.Create("slt");
        var caller = FliteSynthesizer.Create("rms");
        // The "mhm" of the issue: flite spells "mhm" out letter by letter (M. H. M., over a second), and Moonshine
        // hears kal's 0.5 s "mm" hum as "Amen." as often as not (MoonshineScoringTests), so the caller's wordless
        // acknowledgement is kal's "Uh-huh.", which is heard as a backchannel at any alignment and under line noise.
        var hummer = FliteSynthesizer.Create("kal");
        TimeSpan Spoken(string text) => bot.Synthesize(text).Duration;
        string Say(string intent) => dialplan.Intents.Single(i => i.Name == intent).Say;

        var script = new CallerScript();
        var greetingEnd = TimeSpan.FromSeconds(0.5) + Spoken(dialplan.Greeting);
        var payBill = script.Say(caller, "I want to pay my bill.", greetingEnd + TimeSpan.FromSeconds(1.2));
        var interruption = script.Say(caller, "Actually, what is my balance?", payBill.End + AnswerDelay + TimeSpan.FromSeconds(3));
        var balanceStart = interruption.End + AnswerDelay;
        var hum = script.Say(hummer, "Uh-huh.", balanceStart + TimeSpan.FromSeconds(3.5));
        Assert.True(hum.Duration < TimeSpan.FromMilliseconds(600), $"the backchannel lasts {hum.Duration}");
        var goodbye = script.Say(caller, "Goodbye.", balanceStart + Spoken(Say("check-balance")) + TimeSpan.FromSeconds(2.5));
        script.PadTo(goodbye.End + Spoken(Say("goodbye")) + TimeSpan.FromSeconds(4));

        await using var platform = await PlatformHost.StartAsync();
        using var scratch = PeerScratch.Create();
        var recording = scratch.UniquePath("caller-script", ".wav");
        WavFile.Write(recording, script.ToArray(), CallerScript.SampleRate);
        await using var phone = await BaresipPeer.StartAsync(scratch, PeerRole.Caller, recording, timeoutSeconds: 120);

        await phone.DialAsync(PlatformHost.Uri("bot"));
        await phone.WaitForEventAsync("CALL_ESTABLISHED", EventTimeout);
        var started = await platform.WaitForAsync<CallStarted>(_ => true, EventTimeout);
        bool ThisCall(ICallMessage message) => message.CallId == started.CallId;

        // 1. "I want to pay my bill" is understood and answered with the pay-bill prompt.
        var firstTurn = await platform.WaitForAsync<UtteranceRecognized>(u => ThisCall(u) && u.Transcript.Contains("bill", StringComparison.OrdinalIgnoreCase), Wait(payBill));
        Assert.Contains("pay", firstTurn.Transcript, StringComparison.OrdinalIgnoreCase);
        var firstAnswer = await platform.WaitForAsync<TurnCompleted>(t => t.TurnId == firstTurn.TurnId, EventTimeout);
        Assert.Equal("intent:pay-bill", firstAnswer.ResponsePromptId);
        Assert.True(firstAnswer.FirstBotAudioAt >= firstAnswer.DecidedAt && firstAnswer.DecidedAt >= firstAnswer.EndOfTurnAt
            && firstAnswer.EndOfTurnAt >= firstAnswer.SpeechEndedAt, $"stages out of order: {firstAnswer}");

        // 2. The interruption stops the answer; what the caller heard of it is reported truncated.
        var bargeIn = await platform.WaitForAsync<BargeInDetected>(b => ThisCall(b) && b.PromptId == "intent:pay-bill", Wait(interruption));
        Assert.Equal(BargeInKind.Interruption, bargeIn.Kind);
        var cutShort = await platform.WaitForAsync<PromptPlayed>(p => ThisCall(p) && p.PromptId == "intent:pay-bill", EventTimeout);
        Assert.True(cutShort.Interrupted);
        Assert.StartsWith(cutShort.HeardText, cutShort.Text, StringComparison.Ordinal);
        Assert.True(cutShort.HeardText.Length < cutShort.Text.Length / 2, $"heard \"{cutShort.HeardText}\" of a prompt interrupted 3 s in");

        // 3. The interruption itself is the next turn: the balance is asked for and answered.
        var secondTurn = await platform.WaitForAsync<UtteranceRecognized>(u => ThisCall(u) && u.Transcript.Contains("balance", StringComparison.OrdinalIgnoreCase), EventTimeout);
        Assert.Equal("intent:pay-bill", secondTurn.InterruptedPromptId);
        var secondAnswer = await platform.WaitForAsync<TurnCompleted>(t => t.TurnId == secondTurn.TurnId, EventTimeout);
        Assert.Equal("intent:check-balance", secondAnswer.ResponsePromptId);

        // 4. "Uh-huh" during the balance answer is a backchannel: the bot resumes and plays the prompt to its end.
        var backchannel = await platform.WaitForAsync<BargeInDetected>(b => ThisCall(b) && b.PromptId == "intent:check-balance", Wait(hum));
        Assert.True(backchannel.Kind == BargeInKind.Backchannel, $"the hum was taken for {backchannel}; {Conversation()}");
        var balance = await platform.WaitForAsync<PromptPlayed>(p => ThisCall(p) && p.PromptId == "intent:check-balance", EventTimeout);
        Assert.False(balance.Interrupted);
        Assert.Equal(balance.Text, balance.HeardText);

        // 5. "Goodbye" ends the call from the platform's side.
        var ended = await platform.WaitForAsync<CallEnded>(ThisCall, Wait(goodbye) + TimeSpan.FromSeconds(10));
        Assert.Equal(CallParty.Gateway, ended.HungUpBy);
        Assert.Contains(platform.Published<TurnCompleted>(), t => ThisCall(t) && t.ResponsePromptId == "intent:goodbye");
        Assert.DoesNotContain(platform.Published<UtteranceRecognized>(), u => ThisCall(u) && u.Transcript.Contains("hmm", StringComparison.OrdinalIgnoreCase));

        // What the caller heard: the pay-bill answer went quiet soon after the interruption began, and the balance
        // answer was still playing a second after the backchannel.
        await phone.QuitAsync();
        var heard = WavFile.Read(phone.FindRecording("dec")).Samples;
        var beforeInterruption = Loudness.SoundFraction(heard, interruption.At - TimeSpan.FromSeconds(1.5), interruption.At);
        var duringInterruption = Loudness.SoundFraction(heard, interruption.At + TimeSpan.FromSeconds(0.5), interruption.End);
        var afterHum = Loudness.SoundFraction(heard, hum.End + TimeSpan.FromSeconds(1), hum.End + TimeSpan.FromSeconds(2.5));
        Assert.True(beforeInterruption > 0.5, $"the pay-bill answer was not playing before the interruption ({beforeInterruption:P0} sound)");
        Assert.True(duringInterruption < 0.1, $"the bot kept talking over the interruption ({duringInterruption:P0} sound)");
        Assert.True(afterHum > 0.5, $"the bot did not resume after the backchannel ({afterHum:P0} sound)");

        TimeSpan Wait(ScriptedUtterance utterance) => utterance.End + EventTimeout;

        string Conversation() => "events: " + string.Join("; ", platform.Bus.Published.Select(_ => true)
            .Select(m => m.MessageObject).Where(m => m is UtteranceRecognized or BargeInDetected or PromptPlayed));
    }
}
