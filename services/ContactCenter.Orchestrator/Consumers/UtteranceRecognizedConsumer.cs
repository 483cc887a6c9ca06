using ContactCenter.Contracts.Conversation;
using ContactCenter.Orchestrator.Flow;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Orchestrator.Consumers;

/// <summary>
/// Answers each caller turn: matches its transcript to the dialplan's intents and publishes the answer as a
/// <c>SpeakPrompt</c> in response to the turn, stamped with the decision time so the runtime can time the decision.
/// </summary>
public sealed class UtteranceRecognizedConsumer(SampleFlow flow, TimeProvider time, ILogger<UtteranceRecognizedConsumer> logger)
    : IConsumer<UtteranceRecognized>
{
    public async Task Consume(ConsumeContext<UtteranceRecognized> context)
    {
        var utterance = context.Message;
        var decision = flow.Answer(utterance, time.GetUtcNow());
        // The transcript is not logged: callers say account and card numbers, which only the audit trail
        // stores, and only redacted (DESIGN §3).
        if (decision.Match is { } match)
        {
            logger.LogInformation("Call {CallId} turn {TurnId}: intent {Intent} (phrase \"{Phrase}\"), then {Then}",
                utterance.CallId, utterance.TurnId, match.Intent.Name, match.Phrase, decision.Prompt.Then);
        }
        else
        {
            logger.LogInformation("Call {CallId} turn {TurnId}: no intent matched, fallback", utterance.CallId, utterance.TurnId);
        }

        await context.Publish(decision.Prompt, context.CancellationToken);
    }
}
