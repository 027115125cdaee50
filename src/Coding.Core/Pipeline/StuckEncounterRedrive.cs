using Coding.Contracts;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coding.Core.Pipeline;

/// <summary>What one re-drive run did: whether it held the lock (another host may have), and how many it re-queued.</summary>
public sealed record RedriveRun(bool LockTaken, int Redriven);

/// <summary>
/// Finds encounters that stayed unprocessed (status Received: no suggestion set, not Failed) longer than
/// <see cref="RedriveOptions.StuckAfter"/> and queues a fresh EncounterFinished for each through the outbox — the
/// repair for a message lost between outbox and consumer (a broker that dropped it, an outbox row given up on).
/// </summary>
/// <remarks>
/// Any number of workers schedule this; a transaction-scoped PostgreSQL advisory lock lets one run at a time, the others
/// skip (no Quartz clustered store needed for one idempotent job). The consumer is idempotent, so re-driving an
/// encounter that was in fact still in flight costs a duplicate message, never a second suggestion set; bumping
/// <c>updated_at</c> keeps one encounter from being re-driven more than once per <c>StuckAfter</c>.
/// </remarks>
public sealed class StuckEncounterRedrive(CodingDbContext db, IOptions<RedriveOptions> options, TimeProvider clock)
{
    /// <summary>The advisory-lock key of this job ("coding-rd" in ASCII, so it collides with nothing of ours).</summary>
    public const long LockKey = 0x636F_6469_6E67_7264;

    public async Task<RedriveRun> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var cutoff = now - o.StuckAfter;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked)
            return new RedriveRun(false, 0);

        // SKIP LOCKED: an encounter a consumer is storing right now is not waited for; it will not be Received much longer.
        var received = nameof(EncounterStatus.Received);
        var stuck = await db.Encounters
            .FromSql($"""
                SELECT * FROM encounters e
                WHERE e.status = {received} AND e.updated_at < {cutoff}
                  AND NOT EXISTS (SELECT 1 FROM suggestion_sets s WHERE s.encounter_id = e.id)
                ORDER BY e.updated_at LIMIT {o.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        foreach (var encounter in stuck)
        {
            encounter.UpdatedAt = now;
            db.Record(Actor.Worker, "encounter.redriven", nameof(Encounter), encounter.Id,
                detail: $$"""{"waitingSince":"{{cutoff:O}}"}""", clock: clock);
            db.Enqueue(new EncounterFinished(encounter.Id, encounter.ExternalId, encounter.DateOfService), now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new RedriveRun(true, stuck.Count);
    }
}
