using System.Collections.Concurrent;
using ContactCenter.ModelRuntime.Models;
using Microsoft.Extensions.Logging;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// The engine's one ASR thread (DESIGN §2: ASR runs speculatively beside the tick, never on it). It takes
/// whatever requests are pending, up to the batch limit, transcribes them in one batched run and posts the
/// results for the tick to pick up. Requests arriving during a run form the next batch, so under load batches
/// grow instead of requests queueing one by one.
/// </summary>
internal sealed class AsrWorker : IDisposable
{
    private readonly BlockingCollection<AsrRequest> _requests = [];
    private readonly Func<List<AsrRequest>, List<AsrResult>> _transcribe;
    private readonly Action<AsrResult> _post;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public AsrWorker(Func<List<AsrRequest>, List<AsrResult>> transcribe, Action<AsrResult> post, int maxBatch, ILogger logger)
    {
        _transcribe = transcribe;
        _post = post;
        _maxBatch = maxBatch;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "Engine ASR" };
        _thread.Start();
    }

    /// <summary>Queues a request; never blocks (the tick thread calls it).</summary>
    public void Submit(AsrRequest request)
    {
        if (!_requests.IsAddingCompleted)
        {
            _requests.Add(request);
        }
    }

    public void Dispose()
    {
        _requests.CompleteAdding();
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _requests.Dispose();
    }

    private void Run()
    {
        var batch = new List<AsrRequest>(_maxBatch);
        while (!_stop.IsCancellationRequested)
        {
            batch.Clear();
            try
            {
                batch.Add(_requests.Take(_stop.Token));
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
            {
                return; // stopping (cancelled, or Take after CompleteAdding)
            }

            while (batch.Count < _maxBatch && _requests.TryTake(out var more))
            {
                batch.Add(more);
            }

            try
            {
                foreach (var result in _transcribe(batch))
                {
                    _post(result);
                }
            }
            catch (Exception error)
            {
                // The transcriber isolates per-clip failures already; whatever still escapes fails these
                // requests' calls (the gateway falls back) rather than leaving them waiting for transcripts.
                _logger.LogError(error, "ASR batch of {Count} failed", batch.Count);
                foreach (var request in batch)
                {
                    _post(new AsrResult(request.Session, request.RequestId, Recognition.Nothing, error));
                }
            }
        }
    }
}
