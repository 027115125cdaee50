using Coding.Cli.Bench;
using Coding.Core.Codebooks;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>Real worker processes for tests: the worker built in this test run's configuration, logs under artifacts/test/logs.</summary>
internal static class TestWorkers
{
    public static string RepoRoot => CodebookSources.FindRepoRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Coding.sln not found above the test binaries");

    /// <summary>Where every process log of a test run goes (scanned for note text by the security tests).</summary>
    public static string LogDirectory => Path.Combine(RepoRoot, "artifacts", "test", "logs");

    /// <summary>bin/Release or bin/Debug, as these tests were built.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string WorkerDll => WorkerProcess.DllPath(RepoRoot, Configuration);

    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string?> settings) =>
        WorkerProcess.Start(WorkerDll, Path.Combine(LogDirectory, $"{name}.log"), new Dictionary<string, string?>(settings) { ["DOTNET_ENVIRONMENT"] = "Test" });
}
