using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coding.Core.Reviewing;

public enum QueueSort { Age, DateOfService, Confidence }

/// <param name="Family">First character of a suggested code (ICD-10-CM chapter letter, e.g. "E"); encounters with any such code.</param>
/// <param name="MaxConfidence">Only encounters whose least certain suggestion is at most this (where coders' time pays most).</param>
public sealed record QueueQuery(
    CareSetting? Setting = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Family = null,
    double? MinConfidence = null,
    double? MaxConfidence = null,
    QueueSort Sort = QueueSort.Age,
    bool Descending = false);

/// <param name="LowestConfidence">The least certain suggestion's confidence; null when the engine suggested nothing.</param>
/// <param name="AgeSeconds">Time since the encounter was coded, i.e. waiting for a coder.</param>
public sealed record QueueRow(
    Guid Id,
    string ExternalId,
    CareSetting Setting,
    DateOnly DateOfService,
    DateTimeOffset CodedAt,
    double AgeSeconds,
    int Suggestions,
    double? LowestConfidence,
    IReadOnlyList<string> Families,
    string? ClaimedBy,
    DateTimeOffset? ClaimExpiresAt)
{
    /// <summary>The account context (MRN decrypted for the listing, an audited read; the account number is left to the encounter view).</summary>
    public EncounterContext Context { get; init; } = EncounterContext.None;
}

/// <summary>Encounters awaiting review (coded, not finalized), filtered and sorted in the database. Ids and codes only: no note text.</summary>
public sealed class ReviewQueue(CodingDbContext db, IOptions<ReviewOptions> options, NoteProtector protector, TimeProvider clock)
{
    public async Task<IReadOnlyList<QueueRow>> ListAsync(QueueQuery q, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var encounters = db.Encounters.AsNoTracking().Where(e => e.Status == EncounterStatus.Coded);
        if (q.Setting is { } setting) encounters = encounters.Where(e => e.Setting == setting);
        if (q.From is { } from) encounters = encounters.Where(e => e.DateOfService >= from);
        if (q.To is { } to) encounters = encounters.Where(e => e.DateOfService <= to);
        if (!string.IsNullOrWhiteSpace(q.Family))
        {
            var family = q.Family.Trim()[..1].ToUpperInvariant();
            encounters = encounters.Where(e => db.Suggestions.Any(s => s.EncounterId == e.Id && s.Code.StartsWith(family)));
        }

        var rows = encounters.Select(e => new
        {
            e.Id,
            e.ExternalId,
            e.Setting,
            e.DateOfService,
            CodedAt = e.CodedAt ?? e.ReceivedAt,
            Count = db.Suggestions.Count(s => s.EncounterId == e.Id),
            Lowest = db.Suggestions.Where(s => s.EncounterId == e.Id).Min(s => (double?)s.Confidence),
            Claim = db.EncounterClaims.Where(c => c.EncounterId == e.Id && c.ExpiresAt > now).Select(c => new { c.Coder, c.ExpiresAt }).FirstOrDefault(),
            e.IdentifiersCiphertext,
            e.IdentifiersKeyId,
            e.Payer,
            e.AdmittedAt,
            e.DischargedAt,
            e.Attending,
            e.DischargeDisposition,
        });
        if (q.MinConfidence is { } min) rows = rows.Where(r => r.Lowest >= min);
        if (q.MaxConfidence is { } max) rows = rows.Where(r => r.Lowest <= max);
        rows = (q.Sort, q.Descending) switch
        {
            (QueueSort.DateOfService, false) => rows.OrderBy(r => r.DateOfService).ThenBy(r => r.CodedAt),
            (QueueSort.DateOfService, true) => rows.OrderByDescending(r => r.DateOfService).ThenBy(r => r.CodedAt),
            (QueueSort.Confidence, false) => rows.OrderBy(r => r.Lowest).ThenBy(r => r.CodedAt),
            (QueueSort.Confidence, true) => rows.OrderByDescending(r => r.Lowest).ThenBy(r => r.CodedAt),
            // Oldest first by default: the longest wait is served first.
            (QueueSort.Age, false) => rows.OrderBy(r => r.CodedAt),
            (QueueSort.Age, true) => rows.OrderByDescending(r => r.CodedAt),
            _ => rows,
        };
        var page = await rows.Take(options.Value.QueuePageSize).ToListAsync(ct);

        var ids = page.Select(r => r.Id).ToList();
        var families = (await db.Suggestions.AsNoTracking().Where(s => ids.Contains(s.EncounterId)).Select(s => new { s.EncounterId, s.Code }).ToListAsync(ct))
            .GroupBy(s => s.EncounterId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Code[..1].ToUpperInvariant()).Distinct().Order().ToList());
        // Coders find a chart by its MRN: decrypted for this page, and the read audited once for the page, naming each encounter.
        var withIdentifiers = page.Where(r => r.IdentifiersCiphertext is not null).Select(r => r.Id).ToList();
        if (withIdentifiers.Count > 0)
        {
            db.Record(actor, "identifiers.read", nameof(Encounter), "queue",
                detail: JsonSerializer.Serialize(new { purpose = "queue", encounters = withIdentifiers }), clock: clock);
            await db.SaveChangesAsync(ct);
        }
        return page.Select(r => new QueueRow(r.Id, r.ExternalId, r.Setting, r.DateOfService, r.CodedAt, (now - r.CodedAt).TotalSeconds, r.Count, r.Lowest,
            families.GetValueOrDefault(r.Id, []), r.Claim?.Coder, r.Claim?.ExpiresAt)
        {
            Context = new EncounterContext(protector.OpenIdentifiers(r.Id, r.IdentifiersCiphertext, r.IdentifiersKeyId).Mrn, null, r.Payer,
                r.AdmittedAt, r.DischargedAt, r.Attending, r.DischargeDisposition),
        }).ToList();
    }
}
