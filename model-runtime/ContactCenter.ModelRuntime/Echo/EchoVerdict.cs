namespace ContactCenter.ModelRuntime.Echo;

/// <summary>
/// What one caller frame holds. <paramref name="EchoOnly"/>: nothing but the bot's own echo (and noise), so it
/// must not count as caller speech whatever VAD says.
/// </summary>
public readonly record struct EchoVerdict(bool EchoOnly, float CallerDb, float ReferenceDb);
