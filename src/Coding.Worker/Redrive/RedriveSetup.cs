using Coding.Core.Pipeline;
using Microsoft.Extensions.Options;
using Quartz;

namespace Coding.Worker.Redrive;

public static class RedriveSetup
{
    /// <summary>The stuck-encounter re-drive on a Quartz schedule (in-memory store: the job's state is the database's).</summary>
    public static IHostApplicationBuilder AddStuckEncounterRedrive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedriveOptions>().BindConfiguration(RedriveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<StuckEncounterRedrive>();
        builder.Services.AddScoped<TransientDeadLetterRedrive>();
        if (!builder.Configuration.GetValue($"{RedriveOptions.Section}:{nameof(RedriveOptions.Enabled)}", true))
            return builder;
        // Quartz keeps schedulers in a process-wide registry by name: a name of this host's own keeps a second host in
        // the same process (tests start several) from picking up the first one's scheduler and its disposed services.
        var scheduler = $"coding-worker-{Guid.NewGuid():N}";
        builder.AddQuartz(scheduler, q => q.ScheduleJob<RedriveStuckEncountersJob>(
            (sp, trigger) => trigger
                .WithIdentity(RedriveStuckEncountersJob.Name)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(sp.GetRequiredService<IOptions<RedriveOptions>>().Value.Interval).RepeatForever()),
            (_, job) => job.WithIdentity(RedriveStuckEncountersJob.Name)));
        builder.AddQuartzHostedService(scheduler, o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
