using System.Text.Json;
using Coding.Api.Auth;
using Coding.Api.Pages;
using Coding.Core.Data;
using Coding.Core.Evaluation.Runs;
using Coding.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Coding.Api.Cdi;

public static class CdiApi
{
    public static IHostApplicationBuilder AddCdi(this IHostApplicationBuilder builder)
    {
        builder.AddEvalRuns();
        builder.Services.AddScoped<OverrideQueries>();
        EvalRunJob.Schedule(builder.Services);
        return builder;
    }

    /// <summary>The /cdi page, and under /api/cdi: gold sets, evaluation runs (start, list, detail, compare) and override rates.</summary>
    public static RouteGroupBuilder MapCdi(this IEndpointRouteBuilder app)
    {
        app.MapPage("/cdi", "cdi.html", Policies.Cdi);
        var group = app.MapGroup("/api/cdi").RequireAuthorization(Policies.Cdi);
        group.MapGet("/gold-sets", (IOptions<GoldSetOptions> options) =>
            options.Value.GoldSets.Select(g => new GoldSetView(g.Name, g.Kind, g.Description, g.DateOfService)));
        group.MapGet("/runs", ListAsync);
        group.MapPost("/runs", StartAsync);
        group.MapGet("/runs/{id:guid}", async (Guid id, CodingDbContext db, CancellationToken ct) =>
            await db.Set<EvalRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } run ? Results.Ok(Detail(run)) : Results.NotFound());
        group.MapGet("/compare", CompareAsync);
        group.MapGet("/overrides", async (OverrideQueries queries, int? days, CancellationToken ct) =>
            days is < 1 or > OverrideQueries.MaxDays
                ? Results.Problem($"days must be between 1 and {OverrideQueries.MaxDays}", statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(await queries.ReadAsync(days ?? 30, ct)));
        return group;
    }

    private static async Task<IResult> StartAsync(StartRun request, EvalRunner runner, ISchedulerFactory schedulers, HttpContext http, CancellationToken ct)
    {
        EvalRun run;
        try
        {
            run = await runner.QueueAsync(request.GoldSet ?? "", http.Actor(), ct);
        }
        catch (GoldSetUnavailableException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        // Start now rather than at the next poll; the job is single-instance, so a busy host queues it behind the current run.
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(EvalRunJob.Key, new JobDataMap(), ct);
        return Results.Accepted($"/api/cdi/runs/{run.Id}", Summary(run));
    }

    private static async Task<IEnumerable<RunSummary>> ListAsync(CodingDbContext db, CancellationToken ct) =>
        (await db.Set<EvalRun>().AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(100).ToListAsync(ct)).Select(Summary);

    private static async Task<IResult> CompareAsync(Guid a, Guid b, CodingDbContext db, CancellationToken ct)
    {
        var runs = await db.Set<EvalRun>().AsNoTracking().Where(r => r.Id == a || r.Id == b).ToListAsync(ct);
        if (runs.Count != (a == b ? 1 : 2))
            return Results.NotFound();
        if (runs.Any(r => r.Status != EvalRunStatus.Succeeded))
            return Results.Problem("only finished runs can be compared", statusCode: StatusCodes.Status409Conflict);
        var resultsA = await ResultsAsync(db, runs.Single(r => r.Id == a), ct);
        var resultsB = await ResultsAsync(db, runs.Single(r => r.Id == b), ct);
        return Results.Ok(new { a = Summary(runs.Single(r => r.Id == a)), b = Summary(runs.Single(r => r.Id == b)), comparison = EvalRunComparison.Compare(resultsA, resultsB) });
    }

    private static async Task<EvalRunResults> ResultsAsync(CodingDbContext db, EvalRun run, CancellationToken ct)
    {
        var codes = await db.Set<EvalRunCode>().AsNoTracking().Where(c => c.RunId == run.Id).ToListAsync(ct);
        var documents = await db.Set<EvalRunDocument>().AsNoTracking().Where(d => d.RunId == run.Id).Select(d => d.Document).ToListAsync(ct);
        return EvalRunResults.From(documents, codes, run.Threshold ?? 0);
    }

    private static RunSummary Summary(EvalRun r)
    {
        var metrics = r.Metrics is null ? null : JsonSerializer.Deserialize<EvalRunSummary>(r.Metrics, EvalRunner.Json);
        return new RunSummary(r.Id, r.GoldSet, r.Status.ToString().ToLowerInvariant(), r.Engine, r.EngineVersion,
            r.Policy.ToString().ToLowerInvariant(), r.CodebookRelease, r.RequestedBy,
            r.RequestedAt, r.StartedAt, r.FinishedAt, r.Attempts, r.DocumentsTotal, r.DocumentsDone, r.Threshold, r.Error,
            metrics?.Full.MicroPrecision, metrics?.Full.MicroRecall, metrics?.Full.MicroF1, metrics?.Map);
    }

    private static object Detail(EvalRun r) => new
    {
        run = Summary(r),
        metrics = r.Metrics is null ? null : JsonSerializer.Deserialize<EvalRunSummary>(r.Metrics, EvalRunner.Json),
    };
}

public sealed record StartRun(string? GoldSet);

public sealed record GoldSetView(string Name, string Kind, string? Description, DateOnly DateOfService);

public sealed record RunSummary(
    Guid Id, string GoldSet, string Status, string Engine, string EngineVersion, string Policy, string? CodebookRelease, string RequestedBy,
    DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Attempts, int DocumentsTotal, int DocumentsDone,
    double? Threshold, string? Error, double? Precision, double? Recall, double? F1, double? Map);
