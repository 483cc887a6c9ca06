using ContactCenter.Orchestrator.Consumers;
using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Orchestrator.Flow;
using ContactCenter.Orchestrator.Options;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Orchestrator;

/// <summary>Registers the sample conversation flow (issue 3) in a host.</summary>
public static class FlowServiceCollectionExtensions
{
    /// <summary>
    /// The sample flow with options from "Flow". Its dialplan is loaded while the host starts: a missing or
    /// invalid one stops start-up with the file (and line:column) named.
    /// </summary>
    public static IServiceCollection AddSampleFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FlowOptions>()
            .Bind(configuration.GetSection(FlowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var configured = provider.GetRequiredService<IOptions<FlowOptions>>().Value.Dialplan;
            var path = DialplanLocator.Resolve(configured, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
            return new SampleFlow(DialplanLoader.Load(path));
        });
        services.AddHostedService<DialplanStartup>();
        return services;
    }

    /// <summary>The sample flow's consumers (CallStarted: greet; UtteranceRecognized: answer).</summary>
    public static IBusRegistrationConfigurator AddSampleFlowConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<CallStartedConsumer>();
        bus.AddConsumer<UtteranceRecognizedConsumer>();
        return bus;
    }
}
