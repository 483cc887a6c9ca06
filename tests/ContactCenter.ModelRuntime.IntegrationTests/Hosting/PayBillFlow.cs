using ContactCenter.Contracts.Conversation;
using MassTransit;

namespace ContactCenter.ModelRuntime.IntegrationTests.Hosting;

/// <summary>A tiny flow on the bus: answers a turn that asks about a bill, says it did not understand otherwise.</summary>
public sealed class PayBillFlow : IConsumer<UtteranceRecognized>
{
    public Task Consume(ConsumeContext<UtteranceRecognized> context)
    {
        bool bill = context.Message.Transcript.Contains("bill", StringComparison.OrdinalIgnoreCase);
        return context.Publish(new SpeakPrompt
        {
            CallId = context.Message.CallId,
            OccurredAt = DateTimeOffset.UtcNow,
            PromptId = bill ? "intent:pay-bill" : "not-understood",
            Text = bill ? "Sure. Let's pay your bill." : "Sorry, I did not understand.",
            InResponseTo = context.Message.TurnId,
        });
    }
}
