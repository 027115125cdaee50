using System.Diagnostics;
using System.Globalization;
using Coding.Core.Codebooks;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// A real Coding.Worker process (the built dll, started with `dotnet`), configured through environment variables as a
/// deployment would be. Its stdout/stderr go to a log file under artifacts/test/logs, which the log scan reads.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private WorkerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static string RepoRoot => CodebookSources.FindRepoRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Coding.sln not found above the test binaries");

    /// <summary>Where every process log of a test run goes (scanned for note text by the security tests).</summary>
    public static string LogDirectory => Path.Combine(RepoRoot, "artifacts", "test", "logs");

    /// <summary>The worker built in the same configuration as these tests (bin/Release or bin/Debug).</summary>
    public static string WorkerDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(RepoRoot, "src", "Coding.Worker", "bin", configuration, "net10.0", "Coding.Worker.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first (scripts/test.sh does)", dll);
        }
    }

    /// <param name="settings">Configuration keys (Section:Key) passed as environment variables (Section__Key).</param>
    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string?> settings)
    {
        Directory.CreateDirectory(LogDirectory);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(WorkerDll);
        foreach (var (key, value) in settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Test";
        var log = new StreamWriter(Path.Combine(LogDirectory, $"{name}.log"), append: true) { AutoFlush = true };
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

    /// <summary>User + system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident set size (VmHWM) in MB, from /proc; 0 when unavailable.</summary>
    public long PeakRssMb => ProcStatusKb(_process.Id, "VmHWM:") / 1024;

    internal static long ProcStatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
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
