using System.Collections.Concurrent;
using ContactCenter.ModelRuntime.Engine;

namespace ContactCenter.ModelRuntime.IntegrationTests.Hosting;

/// <summary>
/// A gateway in real time for one engine call: every 20 ms it takes the engine's output (a clear drops what is
/// queued and is acknowledged), plays one queued bot frame (reporting FramePlayed for marked ones) and sends one
/// caller frame (what the caller says, or silence).
/// </summary>
public sealed class RealtimeGateway(EngineCall call) : IDisposable
{
    private const int FrameSamples = 160;

    private readonly ConcurrentQueue<short[]> _callerFrames = new();
    private readonly CancellationTokenSource _stop = new();

    public void CallerSays(short[] audio)
    {
        foreach (short[] frame in TestAudio.Frames(audio))
        {
            _callerFrames.Enqueue(frame);
        }
    }

    /// <summary>Runs until <see cref="StopAsync"/>; <paramref name="cancellationToken"/> cancelling is a failure (it throws).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        using var timer = new PeriodicTimer(DuplexEngine.TickPeriod);
        var queue = new Queue<BotFrame>();
        try
        {
            while (await timer.WaitForNextTickAsync(linked.Token))
            {
                while (call.Output.TryRead(out var output))
                {
                    if (output is BotFrame frame)
                    {
                        queue.Enqueue(frame);
                    }
                    else if (output is ClearBotAudio)
                    {
                        int dropped = queue.Count;
                        queue.Clear();
                        await call.Input.WriteAsync(new QueueCleared(DateTimeOffset.UtcNow, dropped), linked.Token);
                    }
                }

                if (queue.TryDequeue(out var played) && played.Mark != 0)
                {
                    await call.Input.WriteAsync(new FramePlayed(played.Mark, DateTimeOffset.UtcNow), linked.Token);
                }

                short[] caller = _callerFrames.TryDequeue(out var next) ? next : new short[FrameSamples];
                await call.Input.WriteAsync(new CallerFrame(caller), linked.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopped
        }
    }

    public async Task StopAsync() => await _stop.CancelAsync();

    public void Dispose() => _stop.Dispose();
}
