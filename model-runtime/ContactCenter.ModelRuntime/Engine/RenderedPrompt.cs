using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// A prompt ready to play: the flow's command and its rendered speech. <see cref="Command"/> is null for the
/// engine's own short utterances (filler, "mhm"), which the floor is not told about and no event reports.
/// </summary>
internal sealed record RenderedPrompt(SpeakPrompt? Command, SpokenText Speech)
{
    public bool Internal => Command is null;

    public string PromptId => Command?.PromptId ?? "engine";
}
