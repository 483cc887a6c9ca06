using ContactCenter.Contracts.Calls;
using ContactCenter.Orchestrator.Flow;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Orchestrator.Consumers;

/// <summary>Greets every call the gateway answered: publishes the dialplan's greeting as a <c>SpeakPrompt</c>.</summary>
public sealed class CallStartedConsumer(SampleFlow flow, TimeProvider time, ILogger<CallStartedConsumer> logger) : IConsumer<CallStarted>
{
    public async Task Consume(ConsumeContext<CallStarted> context)
    {
        var prompt = flow.Greet(context.Message.CallId, time.GetUtcNow());
        await context.Publish(prompt, context.CancellationToken);
        logger.LogDebug("Call {CallId}: greeting from dialplan {Dialplan}", prompt.CallId, flow.Dialplan.Name);
    }
}
