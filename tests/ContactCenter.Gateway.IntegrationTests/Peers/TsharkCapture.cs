using System.Diagnostics;
using System.Text;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>A running tshark capture into a pcapng file; stop it (SIGINT flushes the file) before reading.</summary>
public sealed class TsharkCapture : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private TsharkCapture(string path, Process process, StringBuilder stderr)
    {
        PcapPath = path;
        _process = process;
        _stderr = stderr;
    }

    public string PcapPath { get; }

    /// <summary>What tshark printed on stderr (start banner, packet count, errors).</summary>
    public string Diagnostics
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    internal static async Task<TsharkCapture> StartAsync(string path, string captureFilter, string networkInterface, CancellationToken cancellationToken)
    {
        PeerTools.EnsureInstalled();
        var info = new ProcessStartInfo("tshark")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "-i", networkInterface, "-f", captureFilter, "-w", path, "-q" })
        {
            info.ArgumentList.Add(argument);
        }

        var stderr = new StringBuilder();
        var capturing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            // dumpcap has the device open once tshark prints this; packets from now on are kept.
            if (e.Data.Contains("Capturing on", StringComparison.Ordinal))
            {
                capturing.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => capturing.TrySetException(new InvalidOperationException("tshark exited"));
        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var capture = new TsharkCapture(path, process, stderr);
        try
        {
            await capturing.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await capture.DisposeAsync();
            throw new InvalidOperationException(
                $"tshark did not start capturing on {networkInterface} (as non-root it needs dumpcap's capture "
                + $"capability: dpkg-reconfigure wireshark-common and the wireshark group)\n{capture.Diagnostics}",
                ex);
        }

        return capture;
    }

    /// <summary>Stops the capture (SIGINT, so the file is complete) and waits for tshark to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        // Let the last packets of the test reach the capture buffer before stopping.
        await Task.Delay(200);
        ProcessRunner.Signal(_process.Id, ProcessRunner.SigInt);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the capture if still running and returns its RFC 4733 telephone-event packets.</summary>
    public async Task<IReadOnlyList<Rfc4733Event>> ReadRfc4733EventsAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        return await Tshark.ReadRfc4733EventsAsync(PcapPath, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
