using System.Threading.Channels;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>One call of the media loop: greeting out, recording in, agent key to transfer. Served by the engine's tick.</summary>
internal sealed class MediaLoopStream : ICallAudioStream
{
    private readonly Channel<GatewayToEngine> _toEngine = Channel.CreateBounded<GatewayToEngine>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<EngineToGateway> _fromEngine = Channel.CreateUnbounded<EngineToGateway>(
        new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
    private readonly CallRecorder? _recorder;
    private readonly char _agentKey;
    private readonly Action<MediaLoopStream> _closed;
    private readonly Lock _gate = new();
    private bool _done;

    public MediaLoopStream(CallStartMetadata start, Prompt greeting, CallRecorder? recorder, char agentKey, Action<MediaLoopStream> closed)
    {
        CallId = start.CallId;
        _recorder = recorder;
        _agentKey = agentKey;
        _closed = closed;
        // The prompt's frames are shared and immutable; the gateway paces them onto the wire.
        foreach (var frame in greeting.Frames)
        {
            _fromEngine.Writer.TryWrite(new BotAudio(frame));
        }
    }

    public Guid CallId { get; }

    public ChannelWriter<GatewayToEngine> ToEngine => _toEngine.Writer;

    public ChannelReader<EngineToGateway> FromEngine => _fromEngine.Reader;

    /// <summary>Handles everything the gateway sent since the last tick.</summary>
    public void Serve()
    {
        lock (_gate)
        {
            while (!_done && _toEngine.Reader.TryRead(out var message))
            {
                switch (message)
                {
                    case CallerAudio audio:
                        _recorder?.Write(audio.Frame);
                        break;
                    case CallerDtmf dtmf when dtmf.Digit == _agentKey:
                        _fromEngine.Writer.TryWrite(new TransferToAgent(null, new Dictionary<string, string> { ["Reason"] = "caller pressed " + dtmf.Digit }));
                        break;
                    case CallerHungUp:
                        Close();
                        break;
                }
            }
        }
    }

    /// <summary>The loop failed on this call: the gateway sees the stream end and treats it as an engine failure.</summary>
    public void Fail()
    {
        lock (_gate)
        {
            Close();
        }
    }

    public ValueTask DisposeAsync()
    {
        _toEngine.Writer.TryComplete();
        Serve(); // what arrived after the last tick, so the recording is complete
        lock (_gate)
        {
            Close();
        }

        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _fromEngine.Writer.TryComplete();
        _recorder?.Dispose();
        _closed(this);
    }
}
