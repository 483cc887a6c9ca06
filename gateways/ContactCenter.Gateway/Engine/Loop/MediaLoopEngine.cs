using ContactCenter.Gateway.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>
/// The engine that answers calls until the model runtime is attached: it plays the greeting,
/// records the caller, and hands the caller to an agent on the agent key. Same interface as the runtime.
/// </summary>
public sealed class MediaLoopEngine : ICallAudioEngine
{
    private readonly MediaLoopOptions _options;
    private readonly Prompt _greeting;
    private readonly ILogger<MediaLoopEngine> _logger;

    public MediaLoopEngine(IOptions<MediaLoopOptions> options, ILogger<MediaLoopEngine> logger)
    {
        _options = options.Value;
        _logger = logger;
        _greeting = Prompt.Load(_options.GreetingWav);
        if (!string.IsNullOrEmpty(_options.RecordingsPath))
        {
            Directory.CreateDirectory(_options.RecordingsPath);
        }
    }

    public ValueTask<ICallAudioStream> OpenAsync(CallStartMetadata start, CancellationToken cancellationToken)
    {
        var recorder = string.IsNullOrEmpty(_options.RecordingsPath)
            ? null
            : new CallRecorder(Path.Combine(_options.RecordingsPath, $"{start.CallId:N}-caller.wav"));
        var stream = new MediaLoopStream(start, _greeting, recorder, _options.AgentKey, _logger);
        return ValueTask.FromResult<ICallAudioStream>(stream);
    }
}
