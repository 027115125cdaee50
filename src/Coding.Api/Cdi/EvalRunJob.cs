using Coding.Core.Evaluation.Runs;
using Microsoft.Extensions.Options;
using Quartz;

namespace Coding.Api.Cdi;

/// <summary>
/// Runs queued evaluation runs in the background. Triggered at once when a CDI user starts a run, and on a slow
/// schedule so a run left behind (host restarted mid-run, its heartbeat gone stale) is picked up and resumed.
/// One at a time per host: an evaluation takes the CPU the API also needs.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EvalRunJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("eval-runs");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EvalRunner>().RunPendingAsync(ct);
    }

    public static void Schedule(IServiceCollection services)
    {
        services.AddQuartz(q =>
        {
            q.AddJob<EvalRunJob>(j => j.WithIdentity(Key).StoreDurably());
            q.AddTrigger((sp, t) => t.ForJob(Key).WithIdentity("eval-runs-poll").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(sp.GetRequiredService<IOptions<GoldSetOptions>>().Value.PollInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
    }
}
