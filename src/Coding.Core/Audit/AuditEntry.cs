namespace Coding.Core.Audit;

/// <summary>
/// One row of the append-only audit trail. The database rejects UPDATE, DELETE and TRUNCATE on its table
/// (trigger in the initial migration). Detail holds ids and counts, never PHI.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Actor { get; set; }
    public required string Role { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public AuditOutcome Outcome { get; set; }
    public required string Origin { get; set; }
    public string? Detail { get; set; }
}

public enum AuditOutcome
{
    Success,
    Denied,
    Failed,
}
