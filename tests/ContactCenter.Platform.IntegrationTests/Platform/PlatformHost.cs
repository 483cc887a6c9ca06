using System.Net;
using ContactCenter.Gateway;
using ContactCenter.Gateway.IntegrationTests.Platform;
using ContactCenter.ModelRuntime;
using ContactCenter.ModelRuntime.Grpc;
using ContactCenter.Orchestrator;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Platform.IntegrationTests.Platform;

/// <summary>
/// The whole platform as the all-in-one host composes it: the SIP gateway on 127.0.0.1:5080 streaming each call
/// over gRPC (loopback) to the model runtime, the sample flow answering over the bus. The bus is MassTransit's
/// in-memory test harness, so the test reads every event the services published.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    public const int SipPort = 5080;
    public const int GrpcPort = 5091;
    public const string Address = "127.0.0.1";

    private readonly WebApplication _app;

    private PlatformHost(WebApplication app) => _app = app;

    public static string Uri(string user) => $"sip:{user}@{Address}:{SipPort}";

    public ITestHarness Bus => _app.Services.GetRequiredService<ITestHarness>();

    public IServiceProvider Services => _app.Services;

    public static async Task<PlatformHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Listen"] = $"{Address}:{SipPort}",
            ["Gateway:RtpPorts"] = "21000-21999",
            ["Gateway:AgentQueueUri"] = "sip:agent@127.0.0.1:5066",
            ["Gateway:Engine"] = "ModelRuntime",
            ["Gateway:ModelRuntime:Address"] = $"http://{Address}:{GrpcPort}",
            ["Gateway:FallbackWav"] = RepositoryPaths.FallbackWav,
            ["ModelRuntime:ModelsDirectory"] = RepositoryPaths.Models,
            ["Flow:Dialplan"] = RepositoryPaths.SampleDialplan,
        };
        configure?.Invoke(settings);

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, GrpcPort, listen => listen.Protocols = HttpProtocols.Http2));

        builder.Services.AddSipGateway(builder.Configuration);
        builder.Services.AddCallAudioEngine(builder.Configuration);
        builder.Services.AddModelRuntime(builder.Configuration);
        builder.Services.AddSampleFlow(builder.Configuration);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddGatewayConsumers();
            bus.AddModelRuntimeConsumers();
            bus.AddSampleFlowConsumers();
        });

        var app = builder.Build();
        app.MapCallAudioService();
        await app.StartAsync();
        return new PlatformHost(app);
    }

    /// <summary>The first published <typeparamref name="T"/> matching <paramref name="filter"/> (see <see cref="PublishedMessages.WaitForAsync"/>).</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool> filter, TimeSpan timeout)
        where T : class => Bus.WaitForAsync(filter, timeout);

    public IReadOnlyList<T> Published<T>()
        where T : class => Bus.Published<T>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
