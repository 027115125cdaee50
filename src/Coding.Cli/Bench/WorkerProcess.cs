using System.Diagnostics;
using System.Globalization;

namespace Coding.Cli.Bench;

/// <summary>
/// A real Coding.Worker process (the built dll, started with `dotnet`), configured through environment variables as a
/// deployment would be: it inherits this process's environment, <c>settings</c> added on top. Its stdout and stderr go
/// to a log file. Used by `coding bench pipeline` and by the fault tests.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private WorkerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    /// <summary>The exit code once the process has ended (a host that fails its start-up checks), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The worker built beside <paramref name="repoRoot"/>'s sources in the given configuration.</summary>
    public static string DllPath(string repoRoot, string configuration)
    {
        var dll = Path.Combine(repoRoot, "src", "Coding.Worker", "bin", configuration, "net10.0", "Coding.Worker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first (`dotnet build -c Release`)", dll);
    }

    /// <param name="settings">Configuration keys (Section:Key), passed as environment variables (Section__Key).</param>
    public static WorkerProcess Start(string workerDll, string logFile, IReadOnlyDictionary<string, string?> settings)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(workerDll);
        foreach (var (key, value) in settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, log);
    }

    /// <summary>SIGKILL: no shutdown hooks, no acks, no flushing — what an OOM kill or a pulled plug does.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM and wait for the host's orderly shutdown; SIGKILL if it takes longer than <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>User + system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident set size now (VmRSS) in MB, from /proc; 0 when unavailable.</summary>
    public long RssMb => ProcStatusKb(_process.Id, "VmRSS:") / 1024;

    /// <summary>Peak resident set size (VmHWM) in MB, from /proc; 0 when unavailable.</summary>
    public long PeakRssMb => ProcStatusKb(_process.Id, "VmHWM:") / 1024;

    public static long ProcStatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        lock (_log)
            _log.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            if (log.BaseStream.CanWrite)
                log.WriteLine(line);
        }
    }
}
