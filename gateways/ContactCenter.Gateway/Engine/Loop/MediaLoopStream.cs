using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>One call of the media loop: greeting out, recording in, agent key to transfer.</summary>
internal sealed class MediaLoopStream : ICallAudioStream
{
    private readonly Channel<GatewayToEngine> _toEngine = Channel.CreateBounded<GatewayToEngine>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<EngineToGateway> _fromEngine = Channel.CreateUnbounded<EngineToGateway>(
        new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
    private readonly CallStartMetadata _start;
    private readonly CallRecorder? _recorder;
    private readonly char _agentKey;
    private readonly ILogger _logger;
    private readonly Task _run;

    public MediaLoopStream(CallStartMetadata start, Prompt greeting, CallRecorder? recorder, char agentKey, ILogger logger)
    {
        _start = start;
        _recorder = recorder;
        _agentKey = agentKey;
        _logger = logger;
        // The prompt's frames are shared and immutable; the gateway paces them onto the wire.
        foreach (var frame in greeting.Frames)
        {
            _fromEngine.Writer.TryWrite(new BotAudio(frame));
        }

        _run = Task.Run(RunAsync);
    }

    public ChannelWriter<GatewayToEngine> ToEngine => _toEngine.Writer;

    public ChannelReader<EngineToGateway> FromEngine => _fromEngine.Reader;

    private async Task RunAsync()
    {
        try
        {
            await foreach (var message in _toEngine.Reader.ReadAllAsync())
            {
                switch (message)
                {
                    case CallerAudio audio when _recorder is not null:
                        await _recorder.WriteAsync(audio.Frame);
                        break;
                    case CallerDtmf dtmf when dtmf.Digit == _agentKey:
                        _fromEngine.Writer.TryWrite(new TransferToAgent(null, new Dictionary<string, string> { ["Reason"] = "caller pressed " + dtmf.Digit }));
                        break;
                    case CallerHungUp:
                        return;
                }
            }
        }
        catch (Exception error)
        {
            _logger.LogError(error, "Media loop of call {CallId} failed", _start.CallId);
        }
        finally
        {
            _fromEngine.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _toEngine.Writer.TryComplete();
        await _run;
        if (_recorder is not null)
        {
            await _recorder.DisposeAsync();
        }
    }
}
