namespace ContactCenter.ModelRuntime.Echo;

/// <summary>
/// Keeps the bot's own voice, leaking back from the caller's line (hybrid echo, speakerphones), from counting
/// as caller speech: an echo canceller (speexdsp) fed with exactly what the bot played, plus a residual-echo
/// check. One per call; not thread-safe.
/// </summary>
public sealed class EchoGuard : IDisposable
{
    public EchoGuard(EchoOptions options) => throw new NotImplementedException();

    /// <summary>
    /// One 20 ms tick: <paramref name="caller"/> as received, <paramref name="botPlayed"/> the frame the bot sent on
    /// this tick (silence when none); writes the echo-cancelled caller frame to <paramref name="cleaned"/>.
    /// </summary>
    public EchoVerdict Process(ReadOnlySpan<short> caller, ReadOnlySpan<short> botPlayed, Span<short> cleaned) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
