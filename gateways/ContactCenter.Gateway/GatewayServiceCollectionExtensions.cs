using ContactCenter.Gateway.Consumers;
using ContactCenter.Gateway.Engine;
using ContactCenter.Gateway.Engine.Loop;
using ContactCenter.Gateway.Engine.Remote;
using ContactCenter.Gateway.Options;
using ContactCenter.Gateway.Telemetry;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.Gateway;

/// <summary>Registers the gateway in a host.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>The SIP/RTP gateway with options from "Gateway", validated at start-up.</summary>
    public static IServiceCollection AddSipGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.SectionName))
            .PostConfigure(options => options.ApplyListDefaults())
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<GatewayTelemetry>();
        services.AddSingleton<SipGateway>();
        services.AddHostedService(provider => provider.GetRequiredService<SipGateway>());
        return services;
    }

    /// <summary>
    /// The call engine "Gateway:Engine" names: <see cref="CallAudioEngineKind.ModelRuntime"/> (gRPC to the
    /// runtime, <see cref="AddModelRuntimeEngine"/>) or <see cref="CallAudioEngineKind.MediaLoop"/> (the default,
    /// <see cref="AddMediaLoopEngine"/>).
    /// </summary>
    public static IServiceCollection AddCallAudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var kind = configuration.GetSection(GatewayOptions.SectionName).GetValue(nameof(GatewayOptions.Engine), CallAudioEngineKind.MediaLoop);
        return kind == CallAudioEngineKind.ModelRuntime
            ? services.AddModelRuntimeEngine(configuration)
            : services.AddMediaLoopEngine(configuration);
    }

    /// <summary>The model runtime as the call engine, one gRPC stream per call, options from "Gateway:ModelRuntime".</summary>
    public static IServiceCollection AddModelRuntimeEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelRuntimeClientOptions>()
            .Bind(configuration.GetSection(ModelRuntimeClientOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ICallAudioEngine, GrpcCallAudioEngine>();
        return services;
    }

    /// <summary>The built-in media loop as the call engine (greeting + recording), options from "MediaLoop".</summary>
    public static IServiceCollection AddMediaLoopEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaLoopOptions>()
            .Bind(configuration.GetSection(MediaLoopOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ICallAudioEngine, MediaLoopEngine>();
        return services;
    }

    /// <summary>The gateway's command consumers (TransferCall, HangUpCall).</summary>
    public static IBusRegistrationConfigurator AddGatewayConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<TransferCallConsumer>();
        bus.AddConsumer<HangUpCallConsumer>();
        return bus;
    }
}
