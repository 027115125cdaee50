using Coding.Contracts;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Coding.Core.Notes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Ingest;

public enum IngestOutcome
{
    /// <summary>Stored, and EncounterFinished queued in the same transaction.</summary>
    Created,

    /// <summary>Already stored with the same note: nothing changed (re-running an ingest is safe).</summary>
    Duplicate,

    /// <summary>The external id exists with a different note; amendments are refused rather than silently applied.</summary>
    Conflict,
}

public sealed record IngestResult(string ExternalId, Guid EncounterId, IngestOutcome Outcome);

/// <summary>Stores validated encounters with their encrypted notes and queues them for coding, atomically per batch.</summary>
public sealed class EncounterIngestor(CodingDbContext db, NoteProtector protector, TimeProvider clock)
{
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(IReadOnlyList<ValidEncounter> batch, Actor actor, CancellationToken ct)
    {
        try
        {
            return await IngestOnceAsync(batch, actor, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another ingest stored some of these ids between our read and our write: read again and go on.
            db.ChangeTracker.Clear();
            return await IngestOnceAsync(batch, actor, ct);
        }
    }

    private async Task<IReadOnlyList<IngestResult>> IngestOnceAsync(IReadOnlyList<ValidEncounter> given, Actor actor, CancellationToken ct)
    {
        // One spelling per id, whoever built the batch (the validator already gives it; the raw-queue tests do not).
        var batch = given.Select(b => b with { ExternalId = EncounterValidator.NormalizeExternalId(b.ExternalId) }).ToList();
        var ids = batch.Select(b => b.ExternalId).Distinct().ToList();
        var existing = await db.Encounters
            .Where(e => ids.Contains(e.ExternalId))
            .Join(db.Notes, e => e.Id, n => n.EncounterId, (e, n) => new { e.ExternalId, e.Id, n.TextHmac })
            .ToDictionaryAsync(x => x.ExternalId, ct);

        var now = clock.GetUtcNow();
        var results = new List<IngestResult>(batch.Count);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var input in batch)
        {
            if (existing.TryGetValue(input.ExternalId, out var found))
            {
                var same = found.TextHmac.AsSpan().SequenceEqual(protector.Hash(input.Note));
                results.Add(new IngestResult(input.ExternalId, found.Id, same ? IngestOutcome.Duplicate : IngestOutcome.Conflict));
                continue;
            }
            var encounter = new Encounter
            {
                Id = NewId.NextGuid(),
                ExternalId = input.ExternalId,
                Setting = input.Setting,
                DateOfService = input.DateOfService,
                PatientAgeYears = input.PatientAgeYears,
                PatientSex = input.PatientSex,
                Status = EncounterStatus.Received,
                ReceivedAt = now,
                UpdatedAt = now,
                Payer = input.Context?.Payer,
                AdmittedAt = input.Context?.AdmittedAt?.ToUniversalTime(),
                DischargedAt = input.Context?.DischargedAt?.ToUniversalTime(),
                Attending = input.Context?.Attending,
                DischargeDisposition = input.Context?.DischargeDisposition,
            };
            if (protector.SealIdentifiers(encounter.Id, input.Context?.Mrn, input.Context?.AccountNumber) is { } identifiers)
                (encounter.IdentifiersCiphertext, encounter.IdentifiersKeyId) = identifiers;
            db.Encounters.Add(encounter);
            db.Notes.Add(protector.Protect(encounter.Id, input.Note, now));
            db.Record(actor, "note.write", nameof(Encounter), encounter.Id, clock: clock);
            db.Enqueue(new EncounterFinished(encounter.Id, encounter.ExternalId, encounter.DateOfService), now);
            existing[input.ExternalId] = new { input.ExternalId, encounter.Id, TextHmac = protector.Hash(input.Note) };
            results.Add(new IngestResult(input.ExternalId, encounter.Id, IngestOutcome.Created));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return results;
    }
}
