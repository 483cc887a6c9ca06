using System.Collections.Concurrent;
using ContactCenter.Gateway.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>
/// The engine that answers calls until the model runtime is attached: it plays the greeting,
/// records the caller, and hands the caller to an agent on the agent key. Same interface as the runtime,
/// and the same shape: one 20 ms tick serves every live call (DESIGN §2), reading what each call's stream
/// holds without waiting on it, so a caller frame costs the gateway no thread wake-up.
/// </summary>
public sealed class MediaLoopEngine : ICallAudioEngine, IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly MediaLoopOptions _options;
    private readonly Prompt _greeting;
    private readonly ILogger<MediaLoopEngine> _logger;
    private readonly ConcurrentDictionary<MediaLoopStream, byte> _streams = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MediaLoopEngine(IOptions<MediaLoopOptions> options, ILogger<MediaLoopEngine> logger)
    {
        _options = options.Value;
        _logger = logger;
        _greeting = Prompt.Load(_options.GreetingWav);
        if (!string.IsNullOrEmpty(_options.RecordingsPath))
        {
            Directory.CreateDirectory(_options.RecordingsPath);
        }

        _loop = Task.Run(RunAsync);
    }

    public ValueTask<ICallAudioStream> OpenAsync(CallStartMetadata start, CancellationToken cancellationToken)
    {
        var recorder = string.IsNullOrEmpty(_options.RecordingsPath)
            ? null
            : new CallRecorder(Path.Combine(_options.RecordingsPath, $"{start.CallId:N}-caller.wav"));
        var stream = new MediaLoopStream(start, _greeting, recorder, _options.AgentKey, closed => _streams.TryRemove(closed, out _));
        _streams[stream] = 0;
        return ValueTask.FromResult<ICallAudioStream>(stream);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var stream in _streams.Keys)
                {
                    try
                    {
                        stream.Serve();
                    }
                    catch (Exception error)
                    {
                        _logger.LogError(error, "Media loop of call {CallId} failed; its stream is closed", stream.CallId);
                        stream.Fail();
                        _streams.TryRemove(stream, out _);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
