namespace ContactCenter.ModelRuntime.Speech;

/// <summary>A word of a rendered prompt and the sample (8 kHz) at which it ends.</summary>
public readonly record struct WordTiming(string Word, int EndSample);
