using Coding.Core.Reporting;
using Prometheus;

namespace Coding.Api.Dashboard;

public static class DashboardApi
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        builder.Services.AddScoped<DashboardQueries>();
        // A registry of our own: the default one also carries .NET runtime collectors; ours is the pipeline only.
        builder.Services.AddSingleton(_ => Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<PipelineMetrics>();
        return builder;
    }

    /// <summary>GET /api/dashboard?hours=24: the manager dashboard's numbers (counts, ages, rates; never note text).</summary>
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard");
        group.MapGet("", async (DashboardQueries queries, int? hours, CancellationToken ct) =>
            hours is < 1 or > DashboardQueries.MaxHours
                ? Results.Problem($"hours must be between 1 and {DashboardQueries.MaxHours}", statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(await queries.ReadAsync(hours ?? 24, ct)));
        return group;
    }
}
