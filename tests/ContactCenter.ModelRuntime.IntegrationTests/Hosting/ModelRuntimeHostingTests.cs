using ContactCenter.Contracts.Conversation;
using ContactCenter.ModelRuntime.Conversation;
using ContactCenter.ModelRuntime.Engine;
using ContactCenter.ModelRuntime.IntegrationTests.Engine;
using ContactCenter.ModelRuntime.Models;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactCenter.ModelRuntime.IntegrationTests.Hosting;

/// <summary>The runtime as a host wires it: start-up checks, and a conversation over the bus on the real 20 ms tick.</summary>
[Collection(EngineCollection.Name)]
public sealed class ModelRuntimeHostingTests
{
    [Fact]
    public async Task A_missing_model_stops_start_up_naming_the_install_command()
    {
        string empty = Directory.CreateTempSubdirectory("contactcenter-no-models-").FullName;
        try
        {
            using var host = BuildHost(new() { ["ModelRuntime:ModelsDirectory"] = empty });

            var error = await Assert.ThrowsAsync<ModelMissingException>(() => host.StartAsync());

            Assert.Contains(ModelFiles.InstallCommand, error.Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Invalid_options_stop_start_up_naming_the_setting()
    {
        using var host = BuildHost(new()
        {
            ["ModelRuntime:ModelsDirectory"] = EngineModels.ModelsFolder(),
            ["ModelRuntime:VadThreshold"] = "0.05",
            ["ModelRuntime:Floor:SilenceFrames"] = "200",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ModelRuntime:VadThreshold", error.Message);
        Assert.Contains("SilenceFrames", error.Message);
    }

    [Fact]
    public async Task A_conversation_runs_over_the_bus_on_the_real_tick()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ModelRuntime:ModelsDirectory"] = EngineModels.ModelsFolder() })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddModelRuntime(configuration)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddModelRuntimeConsumers();
                bus.AddConsumer<PayBillFlow>();
            });
        await using var provider = services.BuildServiceProvider();
        var harness = await provider.StartTestHarness();
        var engine = provider.GetRequiredService<DuplexEngine>();
        Assert.True(engine.IsRunning);
        Assert.IsType<BusConversationEvents>(provider.GetRequiredService<IConversationEvents>());

        var callId = Guid.NewGuid();
        var call = engine.Open(new CallStartInfo(callId, "sip:+15551234567@trunk.example.com", "1000"));
        await harness.Bus.Publish(new SpeakPrompt
        {
            CallId = callId,
            OccurredAt = DateTimeOffset.UtcNow,
            PromptId = "greeting",
            Text = "Welcome to Contoso Energy. How can I help you today?",
        });

        // A gateway in real time: one frame played and one caller frame sent every 20 ms; the caller asks once the
        // greeting has been played.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var gateway = new RealtimeGateway(call);
        var run = gateway.RunAsync(timeout.Token);
        await WaitFor(() => Published<PromptPlayed>(harness).Any(p => p.PromptId == "greeting"), timeout.Token);
        gateway.CallerSays(TestAudio.Speak("I want to pay my bill.", "rms"));
        await WaitFor(() => Published<TurnCompleted>(harness).Count > 0, timeout.Token);
        await WaitFor(() => Published<PromptPlayed>(harness).Any(p => p.PromptId == "intent:pay-bill"), timeout.Token);
        await gateway.StopAsync();
        await run;

        var utterance = Assert.Single(Published<UtteranceRecognized>(harness));
        Assert.Contains("bill", utterance.Transcript, StringComparison.OrdinalIgnoreCase);
        var turn = Assert.Single(Published<TurnCompleted>(harness));
        Assert.Equal(utterance.TurnId, turn.TurnId);
        Assert.Equal("intent:pay-bill", turn.ResponsePromptId);
        Assert.True(turn.FirstBotAudioAt > turn.SpeechEndedAt);
        Assert.True(await harness.Consumed.Any<SpeakPrompt>(x => x.Context.Message.PromptId == "intent:pay-bill"));

        // Caller hangs up: the session ends cleanly.
        await call.Input.WriteAsync(new CallerLeft(16));
        await call.Output.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);

        // No bus in these: the events go to a recorder (registered first; AddModelRuntime only adds its own when none is).
        builder.Services.AddSingleton<IConversationEvents, RecordingConversationEvents>();
        builder.Services.AddModelRuntime(builder.Configuration);
        return builder.Build();
    }

    private static List<T> Published<T>(ITestHarness harness)
        where T : class => [.. harness.Published.Select<T>().Select(m => m.Context.Message)];

    private static async Task WaitFor(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
