namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// One caller utterance: its 8 kHz audio (levelled, with the source's own leading and trailing silence), where it
/// came from ("flite rms", "asterisk") and the frames in which its speech starts and ends (first and last 20 ms
/// frame louder than -40 dBFS), which is what latencies are measured from.
/// </summary>
internal sealed record CallerClip(string Text, string Source, short[] Audio, int OnsetFrame, int OffsetFrame)
{
    /// <summary>Frames of speech, onset to offset inclusive.</summary>
    public int SpeechFrames => OffsetFrame - OnsetFrame + 1;

    public string Label => $"{Text} ({Source})";
}
