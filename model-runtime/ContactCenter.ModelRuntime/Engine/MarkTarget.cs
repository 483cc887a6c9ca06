namespace ContactCenter.ModelRuntime.Engine;

/// <summary>What a frame mark stands for: the first and/or last frame of a prompt.</summary>
internal readonly record struct MarkTarget(PromptPlayback Prompt, bool First, bool Last);
