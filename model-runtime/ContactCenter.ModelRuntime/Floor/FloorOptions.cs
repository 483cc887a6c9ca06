namespace ContactCenter.ModelRuntime.Floor;

/// <summary>Floor-control timing, in 20 ms frames. Defaults follow DESIGN §2's latency budget.</summary>
public sealed class FloorOptions
{
    /// <summary>Consecutive speech frames that start a caller turn while the bot is silent.</summary>
    public int OnsetFrames { get; set; } = 3;
    /// <summary>Consecutive speech frames over a bargeable prompt that pause the bot (about two VAD windows).</summary>
    public int BargeInOnsetFrames { get; set; } = 3;
    /// <summary>Speech over the bot longer than this is an interruption, whatever it says (~600 ms).</summary>
    public int BackchannelMaxFrames { get; set; } = 30;
    /// <summary>Silence after speech over the bot before its transcript is asked for.</summary>
    public int BackchannelSilenceFrames { get; set; } = 3;
    /// <summary>Silence that ends a turn whose answer is complete for what was asked.</summary>
    public int CompleteSilenceFrames { get; set; } = 7;
    /// <summary>Silence that ends a turn when completeness is unknown.</summary>
    public int SilenceFrames { get; set; } = 20;
    /// <summary>Silence that ends a turn that sounds unfinished.</summary>
    public int IncompleteSilenceFrames { get; set; } = 60;
    /// <summary>Waiting this long for the flow's answer plays a filler.</summary>
    public int FillerAfterFrames { get; set; } = 40;
    /// <summary>Audio before the detected onset included in ASR, so the first syllable is not clipped.</summary>
    public int AsrPrerollFrames { get; set; } = 15;
    /// <summary>A turn longer than this ends regardless (30 s).</summary>
    public int MaxTurnFrames { get; set; } = 1500;
    /// <summary>With backchannels on: the caller must have spoken this long before the bot says "mhm" in a pause.</summary>
    public int BotBackchannelAfterFrames { get; set; } = 150;
}
