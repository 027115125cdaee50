using Coding.Core.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coding.Worker.Health;

/// <summary>Readiness: a worker whose database circuit is open takes no work (its consumers wait), so it is not ready.</summary>
internal sealed class DatabaseCircuitHealthCheck(DatabaseCircuit circuit) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(circuit.IsOpen
            ? HealthCheckResult.Unhealthy("PostgreSQL unreachable: consumption paused")
            : HealthCheckResult.Healthy());
}
