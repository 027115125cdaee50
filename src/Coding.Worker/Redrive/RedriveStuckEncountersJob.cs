using System.Data.Common;
using Coding.Core.Messaging;
using Coding.Core.Pipeline;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Coding.Worker.Redrive;

/// <summary>Quartz job: one <see cref="StuckEncounterRedrive"/> run. Never overlaps itself within a host; the advisory lock covers other hosts.</summary>
[DisallowConcurrentExecution]
public sealed partial class RedriveStuckEncountersJob(
    StuckEncounterRedrive redrive,
    TransientDeadLetterRedrive letters,
    ILogger<RedriveStuckEncountersJob> log) : IJob
{
    public const string Name = "redrive-stuck-encounters";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var run = await redrive.RunOnceAsync(cancellationToken);
            if (run.Redriven > 0)
                LogRedriven(log, run.Redriven);
            // The database answered and this host holds the turn: letters that died of an outage can go back now.
            if (run.LockTaken && await letters.RunOnceAsync(cancellationToken) is > 0 and var moved)
                LogLettersRedriven(log, moved);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException || TransientFaults.IsTransient(e))
        {
            // Database unavailable: nothing was changed; the next firing tries again.
            LogFailed(log, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-drove {Count} encounters that stayed unprocessed too long")]
    private static partial void LogRedriven(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-drove {Count} dead letters of transient faults to the work queue")]
    private static partial void LogLettersRedriven(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-drive run failed ({Error}); next run retries")]
    private static partial void LogFailed(ILogger logger, string error);
}
