namespace ContactCenter.ModelRuntime.Speech;

/// <summary>
/// Text to speech with flite 2.2 (Debian libflite1) through P/Invoke, resampled to 8 kHz, with word end
/// times so a cut-off prompt can be reported as the words heard. Calls are serialised (flite is not re-entrant).
/// </summary>
public sealed class FliteSynthesizer
{
    /// <summary>Loads a voice ("slt", "rms", "awb", "kal"); fails with the apt-get command when libflite1 is missing.</summary>
    public static FliteSynthesizer Create(string voice) => throw new NotImplementedException();

    public string Voice => throw new NotImplementedException();

    public SpokenText Synthesize(string text) => throw new NotImplementedException();
}
