using MassTransit;

namespace ContactCenter.ModelRuntime.Host;

/// <summary>
/// The runtime's message bus: RabbitMQ when "Bus:RabbitMq:Host" is configured (the runtime in its own process
/// beside the orchestrator, DESIGN §1), the in-memory transport otherwise (a runtime on its own, e.g. for a
/// benchmark, whose turn events nobody else hears).
/// </summary>
internal static class RuntimeBus
{
    public static IServiceCollection AddRuntimeBus(this IServiceCollection services, IConfiguration configuration)
    {
        var rabbit = configuration.GetSection("Bus:RabbitMq");
        var host = rabbit["Host"];
        services.AddMassTransit(bus =>
        {
            bus.AddModelRuntimeConsumers();
            if (string.IsNullOrWhiteSpace(host))
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
                return;
            }

            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(host, rabbit["VirtualHost"] ?? "/", credentials =>
                {
                    credentials.Username(rabbit["Username"] ?? "guest");
                    credentials.Password(rabbit["Password"] ?? "guest");
                });
                transport.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
