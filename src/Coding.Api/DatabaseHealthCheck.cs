using Coding.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coding.Api;

internal sealed class DatabaseHealthCheck(CodingDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}
