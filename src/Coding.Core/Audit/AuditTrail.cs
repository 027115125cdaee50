using Coding.Core.Data;

namespace Coding.Core.Audit;

/// <summary>Adds audit rows to the caller's unit of work, so the audit row commits (or not) with the change it records.</summary>
public static class AuditTrail
{
    public static void Record(
        this CodingDbContext db,
        Actor actor,
        string action,
        string entityType,
        object entityId,
        AuditOutcome outcome = AuditOutcome.Success,
        string? detail = null,
        TimeProvider? clock = null) =>
        db.AuditEntries.Add(Entry(actor, action, entityType, entityId, outcome, detail, clock));

    /// <summary>The row <see cref="Record"/> adds, for writers that insert it themselves (the worker's one-batch store).</summary>
    public static AuditEntry Entry(
        Actor actor,
        string action,
        string entityType,
        object entityId,
        AuditOutcome outcome = AuditOutcome.Success,
        string? detail = null,
        TimeProvider? clock = null) =>
        new()
        {
            OccurredAt = (clock ?? TimeProvider.System).GetUtcNow(),
            Actor = actor.Name,
            Role = actor.Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Outcome = outcome,
            Origin = actor.Origin,
            Detail = detail,
        };
}
