using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.IntegrationTests.Engine;

/// <summary>
/// A real gRPC server (Kestrel, HTTP/2 only, 127.0.0.1 on a free port) serving <see cref="ScriptedCallAudioService"/>:
/// the gateway under test reaches it exactly as it reaches the model runtime.
/// </summary>
public sealed class ScriptedRuntime : IAsyncDisposable
{
    /// <summary>Echoed frames are marked from here up, so they never mix with the burst's marks.</summary>
    public const uint EchoMarkBase = 100_000;

    private readonly WebApplication _app;

    private ScriptedRuntime(WebApplication app, ScriptedCallAudioService service, string address)
    {
        _app = app;
        Service = service;
        Address = address;
    }

    public ScriptedCallAudioService Service { get; }

    /// <summary>What to put in Gateway:ModelRuntime:Address.</summary>
    public string Address { get; }

    public static async Task<ScriptedRuntime> StartAsync(ScriptedRuntimeScript script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var service = new ScriptedCallAudioService(script);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<ScriptedCallAudioService>();
        await app.StartAsync();
        return new ScriptedRuntime(app, service, app.Urls.Single());
    }

    /// <summary>The one call the runtime has seen, once it has.</summary>
    public async Task<ScriptedCall> WaitForCallAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Service.Calls.Count == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The gateway never opened a stream to the runtime.");
            }

            await Task.Delay(20);
        }

        return Service.Calls.Single();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
