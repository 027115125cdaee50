using Coding.Api.Auth;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Coding.Api.Dashboard;

public static class MetricsEndpoint
{
    /// <summary>Prometheus text format at /metrics, for loopback callers or callers with the bearer key (<see cref="MetricsOptions"/>).</summary>
    public static WebApplication MapPipelineMetrics(this WebApplication app)
    {
        // Resolve once so the scrape callback is registered before the first scrape.
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        app.Services.GetRequiredService<PipelineMetrics>();
        // MapMetrics' endpoint is a plain request delegate (endpoint filters do not run on it): gate it with middleware.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), gated => gated.Use(async (http, next) =>
        {
            if (Authorised(http))
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync("metrics need a bearer key (Metrics:ApiKey) or a loopback caller");
        }));
        // Scrapers have no session: the gate above is this endpoint's authorization, not the sign-in fallback policy.
        app.MapMetrics("/metrics", registry).AllowAnonymous();
        return app;
    }

    internal static bool Authorised(HttpContext http) =>
        MachineCallers.Authorised(http, http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ApiKey);
}
