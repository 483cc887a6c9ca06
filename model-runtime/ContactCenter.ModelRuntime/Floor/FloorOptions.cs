namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// Floor-control timing, in 20 ms frames. Defaults follow DESIGN §2's latency budget: barge-in onset in about two
/// Silero windows, end of a complete answer after 120–200 ms of silence, a longer wait only when the transcript
/// says the caller is not done (VoiceXML 2.0 §6.3.2 <c>completetimeout</c>/<c>incompletetimeout</c>).
/// </summary>
public sealed class FloorOptions
{
    /// <summary>Consecutive speech frames that start a caller turn while the bot is silent (60 ms: a click or pop is shorter).</summary>
    public int OnsetFrames { get; set; } = 3;
    /// <summary>Consecutive speech frames over a bargeable prompt that pause the bot (60 ms, about two 32 ms VAD windows).</summary>
    public int BargeInOnsetFrames { get; set; } = 3;
    /// <summary>
    /// Speech over the bot longer than this, counted from its onset, is an interruption whatever it says: 700 ms, that is
    /// a 600 ms backchannel plus the up to 100 ms by which the engine's speech flag outlasts the voice (VAD hangover).
    /// </summary>
    public int BackchannelMaxFrames { get; set; } = 35;
    /// <summary>
    /// Short speech over the bot that ASR heard as some other word is still a backchannel when a backchannel spelling,
    /// forced on the clip, is at least this likely per token as what was heard. Measured on the floor corpus
    /// (docs/benchmarks.md), most misheard flite backchannels ("Bright," for "Right.", "You have." for "Yeah.") score
    /// 0.58–1.17 of it, real short interruptions ("Stop.", "Start" for it, "We." for "Wait.") at most 0.33.
    /// </summary>
    public double BackchannelLikelihoodRatio { get; set; } = 0.5;
    /// <summary>Silence after speech over the bot before its transcript is asked for (60 ms: the bot stays paused meanwhile).</summary>
    public int BackchannelSilenceFrames { get; set; } = 3;
    /// <summary>
    /// Silence that ends a turn whose answer is complete for what was asked: 100 ms of silence frames, which the engine
    /// starts counting up to 100 ms after the voice stops (VAD hangover), so the decision lands 100–200 ms after the
    /// caller's last sound (DESIGN §2's 120–200 ms).
    /// </summary>
    public int CompleteSilenceFrames { get; set; } = 5;
    /// <summary>
    /// Silence that ends a turn when completeness is unknown (300 ms). Shorter than a fixed end-pointer would use
    /// because mid-sentence pauses mostly follow a hesitation or connective, which are judged incomplete and wait longer.
    /// </summary>
    public int SilenceFrames { get; set; } = 15;
    /// <summary>Silence that ends a turn that sounds unfinished: trailing "and", "um", half a number (1.2 s).</summary>
    public int IncompleteSilenceFrames { get; set; } = 60;
    /// <summary>Waiting this long for the flow's answer plays a filler (800 ms).</summary>
    public int FillerAfterFrames { get; set; } = 40;
    /// <summary>
    /// Audio before the detected onset included in ASR, so the first syllable is not clipped (300 ms: VAD lag plus the
    /// onset frames plus a soft first consonant). Never reaches back into the previous turn's speech.
    /// </summary>
    public int AsrPrerollFrames { get; set; } = 15;
    /// <summary>
    /// Speech at least this long is a turn even when ASR returns nothing (mumbled digits, a strong accent): the flow
    /// then answers an empty transcript. Shorter wordless sounds (a cough, a door) are dropped.
    /// </summary>
    public int UnrecognisedTurnFrames { get; set; } = 40;

    /// <summary>A turn longer than this ends regardless (30 s).</summary>
    public int MaxTurnFrames { get; set; } = 1500;
    /// <summary>With backchannels on: the caller must have spoken this long (and this long since the last one) before the bot says "mhm" in a pause (3 s).</summary>
    public int BotBackchannelAfterFrames { get; set; } = 150;
    /// <summary>With backchannels on: the earliest silence frame of a pause at which the bot may say "mhm" (160 ms).</summary>
    public int BotBackchannelPauseFrames { get; set; } = 8;
    /// <summary>With backchannels on: the latest silence frame of a pause at which "mhm" still sounds like a reply to it (240 ms).</summary>
    public int BotBackchannelLatestFrames { get; set; } = 12;
}
