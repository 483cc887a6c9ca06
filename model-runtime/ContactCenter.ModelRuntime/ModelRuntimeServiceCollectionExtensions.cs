using ContactCenter.ModelRuntime.Conversation;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.ModelRuntime.Models;
using ContactCenter.ModelRuntime.Options;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.ModelRuntime.Telemetry;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.ModelRuntime;

/// <summary>Registers the model runtime in a host.</summary>
public static class ModelRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The engine (models verified and loaded at start-up, the 20 ms tick as a hosted service) with options
    /// from "ModelRuntime", plus gRPC for the call audio service. A missing or corrupt model stops start-up with
    /// <see cref="ModelMissingException"/>, whose message names the command that installs the models. The host
    /// maps the service itself (<c>app.MapCallAudioService()</c>) and adds a bus with
    /// <see cref="AddModelRuntimeConsumers"/>: the engine publishes its events on <see cref="IBus"/>.
    /// </summary>
    public static IServiceCollection AddModelRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelRuntimeOptions>()
            .Bind(configuration.GetSection(ModelRuntimeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelRuntimeOptions>, ModelRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RuntimeTelemetry>();

        services.TryAddSingleton(provider => ModelFiles.Locate(Options(provider).ModelsDirectory, Options(provider).Moonshine));
        services.TryAddSingleton(provider => Inference(Options(provider)));
        services.TryAddSingleton(provider => SileroVad.Load(provider.GetRequiredService<ModelFiles>(), provider.GetRequiredService<InferenceOptions>()));
        services.TryAddSingleton(provider => MoonshineAsr.Load(provider.GetRequiredService<ModelFiles>(), provider.GetRequiredService<InferenceOptions>()));
        services.TryAddSingleton(provider => FliteSynthesizer.Create(Options(provider).Voice));
        services.TryAddSingleton(provider => new PromptCache(provider.GetRequiredService<FliteSynthesizer>()));
        services.TryAddSingleton<IConversationEvents, BusConversationEvents>();

        services.TryAddSingleton<DuplexEngine>();
        services.AddHostedService(provider => provider.GetRequiredService<DuplexEngine>());
        services.AddGrpc();
        return services;
    }

    /// <summary>The runtime's bus consumers (SpeakPrompt).</summary>
    public static IBusRegistrationConfigurator AddModelRuntimeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SpeakPromptConsumer>();
        return bus;
    }

    private static ModelRuntimeOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<ModelRuntimeOptions>>().Value;

    private static InferenceOptions Inference(ModelRuntimeOptions options) =>
        new() { UseCuda = options.UseCuda, CudaDeviceId = options.CudaDeviceId };
}
