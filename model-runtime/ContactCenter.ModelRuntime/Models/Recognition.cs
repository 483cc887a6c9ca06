namespace ContactCenter.ModelRuntime.Models;

/// <summary>
/// What Moonshine heard in one clip. <paramref name="Confidence"/> is the geometric mean of the probabilities of
/// the tokens it chose (end of sequence included), in (0, 1]; 1 for a clip with nothing to hear.
/// </summary>
public readonly record struct Recognition(string Text, double Confidence)
{
    /// <summary>
    /// For speech over the bot that <see cref="Text"/> does not already call a backchannel: the same measure for the
    /// best-scoring backchannel spelling ("Yeah.", "Mm-hmm.") forced on the clip. Null when not scored.
    /// </summary>
    public double? BackchannelConfidence { get; init; }

    /// <summary>
    /// True when forcing a backchannel on the clip is at least <paramref name="ratio"/> as likely, per token, as
    /// what greedy decoding heard: the model could as well have heard "mhm".
    /// </summary>
    public bool CouldBeBackchannel(double ratio) => BackchannelConfidence >= ratio * Confidence;

    /// <summary>Nothing heard (a clip too short to hold a word, or one ASR failed on).</summary>
    public static Recognition Nothing { get; } = new(string.Empty, 1);
}
