using ContactCenter.Orchestrator.Dialplans;
using ContactCenter.Orchestrator.Flow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Orchestrator.UnitTests.Hosting;

public sealed class FlowStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cc-flow-").FullName;

    [Fact]
    public async Task The_host_loads_the_configured_dialplan_at_start()
    {
        using var host = Build(RepoFiles.SampleDialplan);

        await host.StartAsync();

        Assert.Equal("Contoso Energy", host.Services.GetRequiredService<SampleFlow>().Dialplan.Name);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_bad_dialplan_stops_start_up_with_file_line_and_column()
    {
        var path = Path.Combine(_directory, "bad.yaml");
        await File.WriteAllTextAsync(path, "name: Test line\nfallback: Sorry.\nintents:\n  - name: x\n    phrases: []\n    say: X.\n");
        using var host = Build(path);

        var error = await Assert.ThrowsAsync<DialplanException>(() => host.StartAsync());

        Assert.Equal($"{path}:1:1: the dialplan is missing 'greeting'", error.Message);
    }

    [Fact]
    public async Task A_missing_dialplan_stops_start_up_naming_the_path()
    {
        var path = Path.Combine(_directory, "absent.yaml");
        using var host = Build(path);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => host.StartAsync());

        Assert.Contains(path, error.Message);
        Assert.Contains("Flow:Dialplan", error.Message);
    }

    [Fact]
    public async Task An_empty_dialplan_setting_is_refused_at_start()
    {
        using var host = Build("");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Dialplan", error.Message);
    }

    [Fact]
    public void A_relative_path_is_found_in_the_working_directory_before_beside_the_binary()
    {
        var working = Directory.CreateDirectory(Path.Combine(_directory, "work")).FullName;
        var binary = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        Directory.CreateDirectory(Path.Combine(working, "dialplans"));
        Directory.CreateDirectory(Path.Combine(binary, "dialplans"));
        File.WriteAllText(Path.Combine(binary, "dialplans", "sample.yaml"), "");

        Assert.Equal(Path.Combine(binary, "dialplans", "sample.yaml"), DialplanLocator.Resolve("dialplans/sample.yaml", working, binary));

        File.WriteAllText(Path.Combine(working, "dialplans", "sample.yaml"), "");

        Assert.Equal(Path.Combine(working, "dialplans", "sample.yaml"), DialplanLocator.Resolve("dialplans/sample.yaml", working, binary));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IHost Build(string dialplan)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Flow:Dialplan"] = dialplan });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSampleFlow(builder.Configuration);
        return builder.Build();
    }
}
