using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Orchestrator.Flow;

/// <summary>
/// Loads the dialplan when the host starts rather than on the first call, so a bad dialplan stops start-up
/// with its file:line:column error instead of failing every call later.
/// </summary>
internal sealed class DialplanStartup(IServiceProvider services, ILogger<DialplanStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var flow = services.GetRequiredService<SampleFlow>();
        logger.LogInformation("Dialplan {Dialplan} loaded from {Source}: {Intents} intents",
            flow.Dialplan.Name, flow.Dialplan.Source, flow.Dialplan.Intents.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
