using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coding.Core.Pipeline;

/// <summary>Where the encounters are: counts only, safe to print and to log.</summary>
public sealed record PipelineSnapshot(
    int Received,
    int Coded,
    int Failed,
    int OutboxPending,
    int OutboxStuck,
    IReadOnlyDictionary<string, int> FailureReasons)
{
    public int Total => Received + Coded + Failed;

    /// <param name="encounterIds">Restrict to these encounters (a demo or test batch); null for the whole database.</param>
    public static async Task<PipelineSnapshot> ReadAsync(CodingDbContext db, IReadOnlyCollection<Guid>? encounterIds, CancellationToken ct)
    {
        var encounters = db.Encounters.AsNoTracking();
        if (encounterIds is not null)
            encounters = encounters.Where(e => encounterIds.Contains(e.Id));
        var byStatus = await encounters.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var reasons = await encounters.Where(e => e.Status == EncounterStatus.Failed)
            .GroupBy(e => e.FailureReason ?? "unknown").Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var pending = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.Attempts < OutboxDispatcher.MaxAttempts, ct);
        var stuck = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.Attempts >= OutboxDispatcher.MaxAttempts, ct);
        return new PipelineSnapshot(
            byStatus.GetValueOrDefault(EncounterStatus.Received),
            byStatus.GetValueOrDefault(EncounterStatus.Coded),
            byStatus.GetValueOrDefault(EncounterStatus.Failed),
            pending,
            stuck,
            reasons);
    }
}
