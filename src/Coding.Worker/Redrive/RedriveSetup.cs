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
        if (!builder.Configuration.GetValue($"{RedriveOptions.Section}:{nameof(RedriveOptions.Enabled)}", true))
            return builder;
        builder.AddQuartz(q => q.ScheduleJob<RedriveStuckEncountersJob>(
            (sp, trigger) => trigger
                .WithIdentity(RedriveStuckEncountersJob.Name)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(sp.GetRequiredService<IOptions<RedriveOptions>>().Value.Interval).RepeatForever()),
            (_, job) => job.WithIdentity(RedriveStuckEncountersJob.Name)));
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
