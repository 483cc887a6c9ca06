using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Orchestrator.UnitTests.Consumers;

/// <summary>The sample flow on MassTransit's in-memory test harness, with the real sample dialplan and a fake clock.</summary>
internal sealed class FlowBus : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private FlowBus(ServiceProvider provider, FakeTimeProvider time)
    {
        _provider = provider;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    public static async Task<FlowBus> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 9, 30, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Flow:Dialplan"] = RepoFiles.SampleDialplan })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSampleFlow(configuration);
        services.AddMassTransitTestHarness(bus => bus.AddSampleFlowConsumers());
        var provider = services.BuildServiceProvider(validateScopes: true);
        var bus = new FlowBus(provider, time);
        await bus.Harness.Start();
        return bus;
    }

    public Task PublishAsync<T>(T message)
        where T : class =>
        Harness.Bus.Publish(message);

    /// <summary>
    /// Waits for the first published <typeparamref name="T"/> matching <paramref name="filter"/>. Polls with a
    /// deadline rather than using the harness's Any(), which gives up as soon as the bus has been idle for its
    /// inactivity timeout.
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> filter)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var match = Harness.Published.Select<T>().Select(published => published.Context.Message).FirstOrDefault(filter);
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching {typeof(T).Name} was published within 10 s.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
