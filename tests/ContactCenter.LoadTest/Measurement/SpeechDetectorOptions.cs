namespace ContactCenter.LoadTest.Measurement;

/// <summary>How <see cref="SpeechDetector"/> tells speech from silence and groups it into talk spurts.</summary>
public sealed record SpeechDetectorOptions
{
    /// <summary>
    /// Frames louder than this (RMS, dBFS) are speech. Prompts and callers sit near -20 dBFS, comfort noise and line
    /// hiss far below -50, so -40 separates them with room on both sides.
    /// </summary>
    public double ThresholdDbfs { get; init; } = -40;

    /// <summary>
    /// Non-speech shorter than this inside a spurt is a gap between words, not its end. A spurt ends once this much
    /// non-speech has passed; its end is then the end of its last speech, not of the hangover.
    /// </summary>
    public TimeSpan Hangover { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Spurts shorter than this are clicks or codec pops, not speech: even "no" lasts longer.</summary>
    public TimeSpan MinimumSpurt { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Sample rate of the PCM handed to the detector (8000 for decoded G.711).</summary>
    public int SampleRate { get; init; } = 8000;

    /// <summary>
    /// The slice a speech frame is searched in for where speech starts and ends, so onsets are placed to a few
    /// milliseconds rather than to the 20 ms of a packet.
    /// </summary>
    public TimeSpan OnsetResolution { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The frame length <see cref="SpeechDetector.Detect"/> cuts contiguous audio into: one RTP packet's worth.</summary>
    public TimeSpan FrameLength { get; init; } = TimeSpan.FromMilliseconds(20);
}
