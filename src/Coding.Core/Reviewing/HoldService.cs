using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Microsoft.EntityFrameworkCore;

namespace Coding.Core.Reviewing;

public sealed record HoldReason(string Code, string Label);

/// <summary>The fixed list a hold reason comes from, so the manager's view can count holds by cause.</summary>
public static class HoldRules
{
    /// <summary>Long enough for "waiting on the 3rd op note", short enough that it does not become a second chart.</summary>
    public const int NoteMaxLength = 200;

    public static IReadOnlyList<HoldReason> Reasons { get; } =
    [
        new("awaiting-documentation", "Awaiting documentation"),
        new("awaiting-query", "Awaiting physician query response"),
        new("awaiting-results", "Awaiting results (pathology, labs, imaging)"),
        new("other", "Other (say why)"),
    ];

    /// <summary>Why the hold request cannot be honoured, or null when it can. "other" needs words; the others take none.</summary>
    public static string? Problem(string? reason, string? note) =>
        string.IsNullOrWhiteSpace(reason) ? "a hold needs a reason: one of " + string.Join(", ", Reasons.Select(r => r.Code))
        : !Reasons.Any(r => r.Code == reason) ? "unknown hold reason; use one of " + string.Join(", ", Reasons.Select(r => r.Code))
        : reason == "other" && string.IsNullOrWhiteSpace(note) ? "a hold for reason \"other\" needs a note saying why"
        : note is not null && note.Trim().Length > NoteMaxLength ? $"the hold note is limited to {NoteMaxLength} characters"
        : null;
}

/// <param name="AgeSeconds">Time on hold so far.</param>
public sealed record HeldRow(Guid Id, string ExternalId, CareSetting Setting, DateOnly DateOfService, string Reason, string? Note,
    string HeldBy, DateTimeOffset HeldAt, double AgeSeconds);

/// <summary>
/// Parking a coded encounter while something it needs is outstanding, and taking it back. A held encounter is out of
/// the work queue; releasing it puts it back where it was (coded, unclaimed). The audit rows carry the reason code only:
/// the free-text note may name the patient's care and stays in the encounter row.
/// </summary>
public sealed class HoldService(CodingDbContext db, TimeProvider clock)
{
    public async Task HoldAsync(Guid encounterId, string? reason, string? note, Actor actor, CancellationToken ct)
    {
        if (HoldRules.Problem(reason, note) is { } problem)
            throw new ReviewException(ReviewError.Invalid, problem);
        var encounter = await FindAsync(encounterId, ct);
        if (encounter.Status != EncounterStatus.Coded)
            throw new ReviewException(ReviewError.Conflict, $"encounter {encounterId} is {encounter.Status.ToString().ToLowerInvariant()}: only an encounter awaiting review can be put on hold");
        var now = clock.GetUtcNow();
        // Another coder working it keeps it: a hold must not pull an encounter from under someone mid-review.
        var holder = await db.EncounterClaims.Where(c => c.EncounterId == encounterId && c.ExpiresAt > now).Select(c => c.Coder).FirstOrDefaultAsync(ct);
        if (holder is not null && holder != actor.Name)
            throw new ReviewException(ReviewError.Conflict, $"encounter {encounterId} is claimed by {holder}");
        encounter.Status = EncounterStatus.Held;
        encounter.HoldReason = reason;
        encounter.HoldNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        encounter.HeldAt = now;
        encounter.HeldBy = actor.Name;
        encounter.UpdatedAt = now;
        db.EncounterClaims.RemoveRange(db.EncounterClaims.Where(c => c.EncounterId == encounterId));
        db.Record(actor, "encounter.hold", nameof(Encounter), encounterId, detail: JsonSerializer.Serialize(new { reason }), clock: clock);
        await SaveAsync(ct);
    }

    public async Task UnholdAsync(Guid encounterId, Actor actor, CancellationToken ct)
    {
        var encounter = await FindAsync(encounterId, ct);
        if (encounter.Status != EncounterStatus.Held)
            throw new ReviewException(ReviewError.Conflict, $"encounter {encounterId} is {encounter.Status.ToString().ToLowerInvariant()}, not on hold");
        var now = clock.GetUtcNow();
        var reason = encounter.HoldReason;
        var heldFor = encounter.HeldAt is { } at ? (now - at).TotalSeconds : (double?)null;
        encounter.Status = EncounterStatus.Coded;
        encounter.HoldReason = null;
        encounter.HoldNote = null;
        encounter.HeldAt = null;
        encounter.HeldBy = null;
        encounter.UpdatedAt = now;
        db.Record(actor, "encounter.unhold", nameof(Encounter), encounterId, detail: JsonSerializer.Serialize(new { reason, heldSeconds = heldFor }), clock: clock);
        await SaveAsync(ct);
    }

    /// <summary>Held encounters, longest held first. Ids, reasons and the coder's note; no note text of the chart.</summary>
    public async Task<IReadOnlyList<HeldRow>> ListAsync(string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var held = db.Encounters.AsNoTracking().Where(e => e.Status == EncounterStatus.Held);
        if (!string.IsNullOrWhiteSpace(reason)) held = held.Where(e => e.HoldReason == reason);
        var rows = await held.OrderBy(e => e.HeldAt).Take(500)
            .Select(e => new { e.Id, e.ExternalId, e.Setting, e.DateOfService, e.HoldReason, e.HoldNote, e.HeldBy, e.HeldAt, e.UpdatedAt })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var at = r.HeldAt ?? r.UpdatedAt;
            return new HeldRow(r.Id, r.ExternalId, r.Setting, r.DateOfService, r.HoldReason ?? "other", r.HoldNote, r.HeldBy ?? "", at, (now - at).TotalSeconds);
        }).ToList();
    }

    private async Task<Encounter> FindAsync(Guid encounterId, CancellationToken ct) =>
        await db.Encounters.FirstOrDefaultAsync(e => e.Id == encounterId, ct)
        ?? throw new ReviewException(ReviewError.NotFound, $"encounter {encounterId} does not exist");

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReviewException(ReviewError.Conflict, "the encounter changed while you worked on it; reload and try again");
        }
    }
}
