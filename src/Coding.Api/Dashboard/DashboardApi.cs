using Coding.Api.Auth;
using Coding.Api.Pages;
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

    /// <summary>
    /// The /dashboard page and GET /api/dashboard?hours=24, its numbers (counts, ages, rates; never note text), for
    /// managers (and admins).
    /// </summary>
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapPage("/dashboard", "dashboard.html", Policies.Management);
        var group = app.MapGroup("/api/dashboard").RequireAuthorization(Policies.Management);
        group.MapGet("", async (DashboardQueries queries, int? hours, CancellationToken ct) =>
            hours is < 1 or > DashboardQueries.MaxHours
                ? Results.Problem($"hours must be between 1 and {DashboardQueries.MaxHours}", statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(await queries.ReadAsync(hours ?? 24, ct)));
        return group;
    }
}
