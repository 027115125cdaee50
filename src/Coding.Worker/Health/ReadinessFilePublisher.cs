using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Coding.Worker.Health;

/// <summary>Settings of the worker's readiness signal (section <c>Health</c>).</summary>
public sealed class WorkerHealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// A file that exists while every "ready" check passes (the database circuit closed, the bus connected) and is
    /// removed otherwise: the worker has no HTTP port, so an orchestrator probes it with <c>test -f FILE</c>. Unset: no file.
    /// </summary>
    public string? ReadyFile { get; set; }
}

/// <summary>Writes or removes <see cref="WorkerHealthOptions.ReadyFile"/> on every health report.</summary>
internal sealed class ReadinessFilePublisher(IOptions<WorkerHealthOptions> options) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        if (options.Value.ReadyFile is not { Length: > 0 } file)
            return Task.CompletedTask;
        if (report.Status == HealthStatus.Healthy)
            File.WriteAllText(file, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        else
            File.Delete(file);
        return Task.CompletedTask;
    }
}
