using System.Threading.Channels;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// One call's duplex connection to the engine. The transport (gRPC service, or a test) writes
/// <see cref="Input"/> and reads <see cref="Output"/>; completing <see cref="Input"/> ends the call's session.
/// <see cref="Output"/> completes when the session ends: cleanly after the caller left, with the error when the
/// engine failed the call (the transport then fails the stream and the gateway plays its fallback); the input is
/// closed then too, so further writes fail with <see cref="ChannelClosedException"/>.
/// </summary>
public sealed class EngineCall
{
    /// <summary>Caller frames and control the engine may hold: 10 s, far beyond any healthy backlog.</summary>
    internal const int InputCapacity = 500;

    /// <summary>Bot frames and commands not yet taken by the transport: 30 s; a fuller queue means a stuck transport.</summary>
    internal const int OutputCapacity = 1500;

    private readonly Channel<CallInput> _input = Channel.CreateBounded<CallInput>(new BoundedChannelOptions(InputCapacity)
    {
        SingleWriter = true,
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Channel<CallOutput> _output = Channel.CreateBounded<CallOutput>(new BoundedChannelOptions(OutputCapacity)
    {
        SingleWriter = true,
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    internal EngineCall(CallStartInfo start)
    {
        Start = start;
    }

    public Guid CallId => Start.CallId;

    /// <summary>Who called whom.</summary>
    public CallStartInfo Start { get; }

    /// <summary>Caller audio and control, in order; one writer (the transport). Writes wait when the engine is 10 s behind.</summary>
    public ChannelWriter<CallInput> Input => _input.Writer;

    /// <summary>Bot audio and commands, in order; one reader (the transport).</summary>
    public ChannelReader<CallOutput> Output => _output.Reader;

    internal ChannelReader<CallInput> InputReader => _input.Reader;

    /// <summary>The engine closes the input when the session ends, so a transport still writing learns it at once.</summary>
    internal void CloseInput() => _input.Writer.TryComplete();

    internal ChannelWriter<CallOutput> OutputWriter => _output.Writer;
}
