using MassTransit.Testing;

namespace ContactCenter.Gateway.IntegrationTests.Platform;

/// <summary>Reading what the services under test published on MassTransit's test harness.</summary>
public static class PublishedMessages
{
    /// <summary>Every published <typeparamref name="T"/> so far, in order.</summary>
    public static IReadOnlyList<T> Published<T>(this ITestHarness bus)
        where T : class =>
        bus.Published.Select<T>().Select(message => message.Context.Message).ToList();

    /// <summary>
    /// Waits for the first published <typeparamref name="T"/> matching <paramref name="filter"/>. Polls rather than
    /// using the harness's Any(), which gives up as soon as the bus has been idle for its inactivity timeout. On
    /// timeout the message lists everything published, so a failed wait says what happened instead.
    /// </summary>
    public static async Task<T> WaitForAsync<T>(this ITestHarness bus, Func<T, bool> filter, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = bus.Published<T>().FirstOrDefault(filter);
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching {typeof(T).Name} was published within {timeout}. Published so far:\n"
                    + string.Join("\n", bus.Published.Select(_ => true).Select(m => m.MessageObject?.ToString())));
            }

            await Task.Delay(50);
        }
    }
}
