using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;
using MassTransit;

namespace ContactCenter.ModelRuntime.Conversation;

/// <summary>
/// Hands the flow's SpeakPrompt commands to the engine. The prompt is rendered (or found in the cache) here, on
/// the bus's thread, so text-to-speech never runs on the 20 ms tick.
/// </summary>
public sealed class SpeakPromptConsumer(DuplexEngine engine) : IConsumer<SpeakPrompt>
{
    public Task Consume(ConsumeContext<SpeakPrompt> context)
    {
        engine.Speak(context.Message);
        return Task.CompletedTask;
    }
}
