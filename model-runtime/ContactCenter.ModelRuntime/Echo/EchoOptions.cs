namespace ContactCenter.ModelRuntime.Echo;

/// <summary>
/// Echo handling per call. Defaults measured on real speech (asterisk-core-sounds) with echo 0–64 ms late and 6–20 dB
/// down: after the first 0.5 s no run of echo frames long enough for a barge-in passes as speech, and about 80% of a
/// caller's voiced frames over the bot are heard.
/// </summary>
public sealed class EchoOptions
{
    /// <summary>
    /// Longest echo delay covered, from the bot frame's emission to its echo in the caller's audio: the canceller's filter
    /// length and the reference history the verdict looks at. 256 ms covers line echo (≤ 64 ms in the issue) with room for
    /// network delay; a 128 ms filter converged no faster and let more echo through at 6 dB.
    /// </summary>
    public TimeSpan Tail { get; set; } = TimeSpan.FromMilliseconds(256);

    /// <summary>Cancellation (input energy minus output energy, ERLE in ITU-T G.168 terms) that shows a frame was echo.</summary>
    public float EchoReturnLossEnhancementDb { get; set; } = 10f;

    /// <summary>Least attenuation of the bot's voice on its way back (ITU-T G.168 assumes at least 6 dB of hybrid echo return loss).</summary>
    public float MinEchoReturnLossDb { get; set; } = 6f;

    /// <summary>
    /// What is left after cancellation counts as echo residue while it stays this far below the loudest echo the reference
    /// allows. Smaller catches more residue but takes quiet caller speech over a loud prompt for echo.
    /// </summary>
    public float ResidualMarginDb { get; set; } = 10f;

    /// <summary>Reference frames quieter than this (dBFS) are silence: the bot is not speaking.</summary>
    public float ReferenceFloorDb { get; set; } = -55f;

    /// <summary>A cancelled frame within this much of the line's noise floor holds nothing but noise.</summary>
    public float NoiseMarginDb { get; set; } = 6f;

    /// <summary>
    /// Frames of bot speech after which the canceller counts as converged even if it never showed it (a line without echo
    /// has nothing to cancel); until then an input no louder than the loudest possible echo counts as echo (3 s).
    /// </summary>
    public int ConvergenceFrames { get; set; } = 150;
}
