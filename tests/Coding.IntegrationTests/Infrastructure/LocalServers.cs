using System.Diagnostics;
using Npgsql;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// Stops and starts this checkout's own PostgreSQL and RabbitMQ through scripts/infra.sh, for fault tests. Every other
/// test class uses the same servers, so a test that stops one must bring it back (see <see cref="EnsureUpAsync"/>).
/// </summary>
internal static class LocalServers
{
    public static Task StopRabbitAsync() => InfraAsync("stop-rabbit");
    public static Task StartRabbitAsync() => InfraAsync("start-rabbit");
    public static Task RestartPostgresAsync() => InfraAsync("restart-pg");
    public static Task StopPostgresAsync() => InfraAsync("stop-pg");
    public static Task StartPostgresAsync() => InfraAsync("start-pg");

    /// <summary>Starts whatever is down (idempotent); for finally blocks, so a failed fault test leaves the servers up.</summary>
    public static async Task EnsureUpAsync()
    {
        await InfraAsync("start-pg");
        await InfraAsync("start-rabbit");
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task InfraAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestWorkers.RepoRoot, "scripts", "infra.sh"));
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/infra.sh {command} exited {process.ExitCode}: {await error}{await output}");
        if (command.Contains("pg", StringComparison.Ordinal))
            NpgsqlConnection.ClearAllPools();
    }
}
