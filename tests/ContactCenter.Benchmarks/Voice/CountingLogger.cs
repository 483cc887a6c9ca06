using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// The engine's logger in <c>voice capacity</c>: counts warnings and errors by message template (a tick that fell
/// behind, a QueueCleared that never came, a failed ASR batch) and prints the first of each kind, so a step's report
/// says what went wrong without flooding the console.
/// </summary>
internal sealed class CountingLogger<T> : ILogger<T>
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly TextWriter _log;

    public CountingLogger(TextWriter log)
    {
        _log = log;
    }

    /// <summary>Warnings and errors so far, by message template.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        // The template ("{OriginalFormat}") groups messages that differ only in their values.
        string template = state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value is string format ? format : formatter(state, exception);
        if (_counts.AddOrUpdate(template, 1, (_, count) => count + 1) == 1)
        {
            _log.WriteLine($"  engine {logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
        }
    }
}
