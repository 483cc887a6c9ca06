using System.Collections.Concurrent;
using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.Orchestrator.Flow;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The sample flow (<see cref="SampleFlow"/> over dialplans/sample.yaml, its real intent matcher) standing in for the
/// bus: greets each new call and answers each final utterance at once with <see cref="DuplexEngine.Speak"/>, on its
/// own thread as a bus consumer would (Speak renders on the caller's thread; the prompts are cached beforehand).
/// </summary>
internal sealed class FakeFlow : IDisposable
{
    private readonly DuplexEngine _engine;
    private readonly SampleFlow _flow;
    private readonly BlockingCollection<Func<SpeakPrompt>> _work = [];
    private readonly Thread _thread;

    public FakeFlow(DuplexEngine engine, SampleFlow flow)
    {
        _engine = engine;
        _flow = flow;
        _thread = new Thread(Run) { IsBackground = true, Name = "Fake flow" };
        _thread.Start();
    }

    public void Greet(Guid callId) => _work.Add(() => _flow.Greet(callId, DateTimeOffset.UtcNow));

    /// <summary>A caller turn ended (engine tick thread): answer it.</summary>
    public void Answer(UtteranceRecognized utterance) => _work.Add(() => _flow.Answer(utterance, DateTimeOffset.UtcNow).Prompt);

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Run()
    {
        foreach (var next in _work.GetConsumingEnumerable())
        {
            _engine.Speak(next());
        }
    }
}
