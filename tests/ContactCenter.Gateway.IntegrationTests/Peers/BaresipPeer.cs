using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// A real baresip user agent started from the recipe config of one <see cref="PeerRole"/> in a
/// <see cref="PeerScratch"/>, driven over its ctrl_tcp port. It plays the role's audio file
/// (aufile) and records what it sent and received (sndfile, <see cref="RecordingDir"/>).
/// stdout/stderr go to <see cref="LogPath"/>; failures quote its tail.
/// </summary>
public sealed class BaresipPeer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly BaresipCtrlClient _ctrl;
    private bool _disposed;

    private BaresipPeer(PeerScratch scratch, PeerRole role, Process process, BaresipCtrlClient ctrl, string logPath)
    {
        Scratch = scratch;
        Role = role;
        _process = process;
        _ctrl = ctrl;
        LogPath = logPath;
    }

    public PeerScratch Scratch { get; }

    public PeerRole Role { get; }

    public int ProcessId => _process.Id;

    public int SipPort => PeerEndpoints.SipPort(Role);

    public int CtrlPort => PeerEndpoints.CtrlPort(Role);

    /// <summary>Where sndfile writes <c>dump-&lt;time&gt;-enc.wav</c> (sent) and <c>-dec.wav</c> (received).</summary>
    public string RecordingDir => Scratch.RecordingDirectory(Role);

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The ctrl client, for commands this class has no method for.</summary>
    public BaresipCtrlClient Ctrl => _ctrl;

    /// <summary>Every ctrl event so far, in arrival order.</summary>
    public IReadOnlyList<BaresipEvent> Events => _ctrl.Events;

    /// <summary>
    /// Starts <c>baresip -f &lt;scratch&gt;/&lt;role&gt; -t &lt;timeoutSeconds&gt;</c> with stdin from /dev/null
    /// and returns once its ctrl_tcp port accepts. <paramref name="audioWav"/> replaces the role's tone
    /// (converted to 8 kHz mono S16LE, which aufile needs for G.711; baresip hangs up when it ends).
    /// </summary>
    public static async Task<BaresipPeer> StartAsync(
        PeerScratch scratch,
        PeerRole role,
        string? audioWav = null,
        int timeoutSeconds = 60,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        PeerTools.EnsureInstalled();
        if (audioWav is not null)
        {
            await PeerTools.ConvertForBaresipAsync(audioWav, scratch.AudioPath(role), cancellationToken);
        }

        var ctrlPort = PeerEndpoints.CtrlPort(role);
        if (await AcceptsAsync(ctrlPort, cancellationToken))
        {
            throw new InvalidOperationException(
                $"ctrl port {ctrlPort} of the {role} peer is already taken: a baresip left over from another test? "
                + "Peer tests must run in [Collection(PeersCollection.Name)] and dispose their peers.");
        }

        var name = PeerEndpoints.Name(role);
        var logPath = scratch.UniquePath($"baresip-{name}", ".log");
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = scratch.Root };

        // exec keeps baresip's PID for signalling; stdbuf makes its stdout line-buffered so the
        // log is complete up to the moment a test fails, not at the next 4 KiB.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec stdbuf -oL -eL baresip -f \"$1\" -t \"$2\" </dev/null >>\"$3\" 2>&1");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(scratch.ConfigDirectory(role));
        info.ArgumentList.Add(timeoutSeconds.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(logPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start baresip");

        string Describe() => Heading(name, logPath) + Tail(logPath, 40);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"baresip ({name}) exited with {process.ExitCode} before its ctrl port {ctrlPort} opened\n{Describe()}");
                }

                try
                {
                    var ctrl = await BaresipCtrlClient.ConnectAsync(ctrlPort, Describe, deadline.Token);
                    return new BaresipPeer(scratch, role, process, ctrl, logPath);
                }
                catch (SocketException)
                {
                    await Task.Delay(100, deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(process);
            process.Dispose();
            throw new TimeoutException(
                $"baresip ({name}) did not open ctrl port {ctrlPort} within {StartTimeout.TotalSeconds:0} s\n{Describe()}");
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Places a call (<c>dial</c>); wait for <c>CALL_ESTABLISHED</c> to know it was answered.</summary>
    public Task DialAsync(string uri, CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("dial", uri, cancellationToken: cancellationToken);

    /// <summary>Answers an incoming call (the caller role has no auto-answer).</summary>
    public Task AnswerAsync(CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("accept", cancellationToken: cancellationToken);

    /// <summary>Sends digits as RFC 4733 telephone-events (<c>sndcode</c>), e.g. <c>"123#"</c>.</summary>
    public Task SendDtmfAsync(string digits, CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("sndcode", digits, cancellationToken: cancellationToken);

    /// <summary>Puts the current call on hold (re-INVITE with a=sendonly).</summary>
    public Task HoldAsync(CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("hold", cancellationToken: cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("resume", cancellationToken: cancellationToken);

    /// <summary>Blind-transfers the current call's peer to <paramref name="uri"/> (REFER, RFC 3515).</summary>
    public Task TransferAsync(string uri, CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("transfer", uri, cancellationToken: cancellationToken);

    public Task HangupAsync(CancellationToken cancellationToken = default) =>
        _ctrl.SendCommandAsync("hangup", cancellationToken: cancellationToken);

    /// <summary>Asks baresip to quit and waits (up to 5 s) for the process to end.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
        {
            return;
        }

        await _ctrl.SendCommandNoWaitAsync("quit", cancellationToken: cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"baresip ({Role}) did not quit within 5 s\n{DescribeLog()}");
        }
    }

    /// <inheritdoc cref="BaresipCtrlClient.WaitForEventAsync"/>
    public Task<BaresipEvent> WaitForEventAsync(
        string type,
        TimeSpan timeout,
        Func<BaresipEvent, bool>? match = null,
        CancellationToken cancellationToken = default) =>
        _ctrl.WaitForEventAsync(type, timeout, match, cancellationToken);

    /// <summary>The recordings of one kind, oldest first: <c>"dec"</c> = received audio, <c>"enc"</c> = sent audio.</summary>
    public IReadOnlyList<string> Recordings(string kind)
    {
        if (kind is not ("dec" or "enc"))
        {
            throw new ArgumentException("kind is \"dec\" (received) or \"enc\" (sent)", nameof(kind));
        }

        if (!Directory.Exists(RecordingDir))
        {
            return [];
        }

        return [.. new DirectoryInfo(RecordingDir)
            .GetFiles($"*-{kind}.wav")
            .OrderBy(f => f.CreationTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.FullName)];
    }

    /// <summary>The newest recording of one kind (<c>"dec"</c> received, <c>"enc"</c> sent).</summary>
    /// <exception cref="FileNotFoundException">None yet; the message lists the folder and the log tail.</exception>
    public string FindRecording(string kind)
    {
        var found = Recordings(kind);
        if (found.Count == 0)
        {
            var present = Directory.Exists(RecordingDir) ? string.Join(", ", Directory.GetFiles(RecordingDir).Select(Path.GetFileName)) : "(no folder)";
            throw new FileNotFoundException(
                $"no *-{kind}.wav recording in {RecordingDir} (present: {present})\n{DescribeLog()}");
        }

        return found[^1];
    }

    /// <summary>The whole log so far.</summary>
    public string ReadLog() => File.Exists(LogPath) ? ReadShared(LogPath) : string.Empty;

    /// <summary>The log's tail with a heading, for assertion messages.</summary>
    public string DescribeLog(int lines = 40) => Heading(PeerEndpoints.Name(Role), LogPath) + Tail(LogPath, lines);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _ctrl.DisposeAsync();
        await StopAsync(_process);
        _process.Dispose();
    }

    // baresip sometimes needs a second SIGTERM (recipe README); SIGKILL after 2 s in all.
    private static async Task StopAsync(Process process)
    {
        for (var attempt = 0; attempt < 2 && !process.HasExited; attempt++)
        {
            ProcessRunner.Signal(process.Id, ProcessRunner.SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Still running: signal again, then kill.
            }
        }

        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var probe = new TcpClient();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await probe.ConnectAsync(PeerEndpoints.Host, port, wait.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Heading(string name, string logPath) =>
        $"--- {name} baresip log (tail) {logPath} (CC_KEEP_PEER_SCRATCH=1 keeps the folder) ---\n";

    private static string Tail(string path, int lines)
    {
        if (!File.Exists(path))
        {
            return "(no log)";
        }

        // baresip redraws its status line with '\r'; keep only the last redraw of each line.
        var text = ReadShared(path).Split('\n').Select(l => l.Split('\r')[^1]);
        return string.Join('\n', text.TakeLast(lines));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
