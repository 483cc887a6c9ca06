using ContactCenter.Gateway.Calls;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Gateway.IntegrationTests.Platform;

/// <summary>
/// The real gateway (SIP/RTP sockets, media loop or gRPC runtime client, in-memory MassTransit bus) in a Generic Host,
/// listening on 127.0.0.1:5080 so the baresip and SIPp peers can call it. Published events are
/// observed through MassTransit's test harness.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const int SipPort = 5080;
    public const string Address = "127.0.0.1";

    private readonly IHost _host;

    private GatewayHost(IHost host, string recordings)
    {
        _host = host;
        Recordings = recordings;
    }

    public static string Uri(string user) => $"sip:{user}@{Address}:{SipPort}";

    public SipGateway Gateway => _host.Services.GetRequiredService<SipGateway>();

    public ITestHarness Bus => _host.Services.GetRequiredService<ITestHarness>();

    public string Recordings { get; }

    /// <param name="configure">Changes to the gateway's configuration keys.</param>
    /// <param name="time">A clock for the gateway's timers (transactions, session timers, RTP timeout); the real one by default.</param>
    public static async Task<GatewayHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, TimeProvider? time = null)
    {
        var recordings = Directory.CreateTempSubdirectory("cc-recordings-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Listen"] = $"{Address}:{SipPort}",
            ["Gateway:RtpPorts"] = "20000-20999",
            ["Gateway:AgentQueueUri"] = "sip:agent@127.0.0.1:5066",
            ["Gateway:FallbackWav"] = Path.Combine(AppContext.BaseDirectory, "assets", "fallback.wav"),
            ["MediaLoop:GreetingWav"] = TestAssets.GreetingWav,
            ["MediaLoop:RecordingsPath"] = recordings,
        };
        configure?.Invoke(settings);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSipGateway(builder.Configuration);
        builder.Services.AddCallAudioEngine(builder.Configuration); // Gateway:Engine, the media loop unless a test names the runtime
        builder.Services.AddMassTransitTestHarness(bus => bus.AddGatewayConsumers());
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayHost(host, recordings);
    }

    /// <summary>The first published <typeparamref name="T"/> matching <paramref name="filter"/> (see <see cref="PublishedMessages.WaitForAsync"/>).</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool> filter, TimeSpan timeout)
        where T : class => Bus.WaitForAsync(filter, timeout);

    /// <summary>Waits until the gateway has one call and its dialog is confirmed (the ACK was processed).</summary>
    public async Task WaitUntilConfirmedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Gateway.LiveCalls is not [{ State: CallState.Confirmed }])
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No confirmed call; live calls: " + string.Join(", ", Gateway.LiveCalls));
            }

            await Task.Delay(20);
        }
    }

    public IReadOnlyList<T> Published<T>()
        where T : class => Bus.Published<T>();

    public string CallerRecording(Guid callId) => Path.Combine(Recordings, $"{callId:N}-caller.wav");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(Recordings, recursive: true);
    }
}
