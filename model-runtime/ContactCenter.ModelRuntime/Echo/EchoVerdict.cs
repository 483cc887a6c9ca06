namespace ContactCenter.ModelRuntime.Echo;

/// <summary>
/// What one caller frame holds. <paramref name="EchoOnly"/>: nothing but the bot's own echo (and noise), so it
/// must not count as caller speech whatever VAD says. <paramref name="CallerDb"/> is the frame as received and
/// <paramref name="ReferenceDb"/> the loudest bot frame within the echo tail, both in dBFS.
/// </summary>
public readonly record struct EchoVerdict(bool EchoOnly, float CallerDb, float ReferenceDb)
{
    /// <summary>The frame after echo cancellation, in dBFS; <see cref="CallerDb"/> minus this is the cancellation achieved.</summary>
    public float CleanedDb { get; init; }
}
