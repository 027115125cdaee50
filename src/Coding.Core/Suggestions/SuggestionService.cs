using System.Text.Json;
using Coding.Contracts;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Messaging;
using Coding.Core.Notes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Suggestions;

public enum SuggestOutcome
{
    Coded,

    /// <summary>This message was handled before (redelivery): nothing done.</summary>
    AlreadyProcessed,

    /// <summary>The encounter already has a suggestion set (another message got there first): nothing done.</summary>
    AlreadyCoded,
}

/// <summary>
/// Codes one encounter: reads and decrypts its note, runs the engine, and stores the suggestion set together with the
/// inbox row, the audit rows and the CodesSuggested event in one transaction.
/// </summary>
public sealed class SuggestionService(CodingDbContext db, NoteProtector protector, ISuggestionEngine engine, TimeProvider clock,
    Autonomy.AutonomousFinalizer? autonomy = null)
{
    public const string ConsumerName = "suggest-codes";

    /// <summary>What deciding on one message needs: the encounter, whether this message or another already coded it, and its note.</summary>
    private sealed record Found(Encounter Encounter, bool Seen, bool Coded, Note? Note);

    // One round trip for everything the decision needs (it was four: inbox, encounter, existing set, note), compiled
    // once: building and funcletizing the LINQ tree per message cost more worker CPU than running it. The note is a
    // plain LEFT JOIN on its key: `db.Notes.FirstOrDefault(...)` in the projection made EF number every row of the
    // notes table (ROW_NUMBER() OVER (PARTITION BY encounter_id)) for each message, 69 ms of database time per
    // encounter at 50,000 notes and growing with the table: the pipeline's bottleneck until the load bench showed it.
    private static readonly Func<CodingDbContext, Guid, Guid, CancellationToken, Task<Found?>> Lookup =
        EF.CompileAsyncQuery((CodingDbContext db, Guid encounterId, Guid messageId, CancellationToken ct) => (
                from e in db.Encounters
                where e.Id == encounterId
                join n in db.Notes on e.Id equals n.EncounterId into notes
                from note in notes.DefaultIfEmpty()
                select new Found(
                    e,
                    db.InboxMessages.Any(i => i.MessageId == messageId && i.Consumer == ConsumerName),
                    db.SuggestionSets.Any(s => s.EncounterId == e.Id),
                    note))
            .AsNoTracking()
            .FirstOrDefault());

    public async Task<SuggestOutcome> SuggestAsync(EncounterFinished message, Guid messageId, CancellationToken ct)
    {
        var found = await Lookup(db, message.EncounterId, messageId, ct)
            ?? throw new EncounterNotFoundException(message.EncounterId);
        if (found.Seen)
            return SuggestOutcome.AlreadyProcessed;
        var encounter = found.Encounter;
        if (found.Coded)
        {
            await ClaimAsync(messageId, clock.GetUtcNow(), ct);
            return SuggestOutcome.AlreadyCoded;
        }

        var note = found.Note;
        string text;
        try
        {
            text = note is null ? throw new NoteUnreadableException(encounter.Id, "note is missing") : protector.Unprotect(note);
        }
        catch (NoteUnreadableException e)
        {
            await FailAsync(encounter, "note-unreadable", e, ct);
            throw;
        }

        var noteInput = new EncounterNote(encounter.Id, encounter.Setting, encounter.DateOfService, encounter.PatientAgeYears, encounter.PatientSex, text);
        EngineResult result;
        try
        {
            result = await engine.SuggestAsync(noteInput, ct);
            EngineOutputGuard.Check(result, text.Length);
        }
        catch (InvalidEngineOutputException e)
        {
            await FailAsync(encounter, "engine-output-invalid", e, ct);
            throw;
        }
        catch (NoCodebookInForceException e)
        {
            await FailAsync(encounter, "no-codebook-in-force", e, ct);
            throw;
        }

        var outcome = await StoreAsync(encounter, result, messageId, ct);
        // After the set's own transaction, not inside it: should this step fail, the redelivery finds the message
        // processed and the encounter simply stays with the coders, the safe side of autonomy.
        if (outcome == SuggestOutcome.Coded && autonomy is not null)
            await autonomy.DecideAsync(encounter.Id, text, ct);
        return outcome;
    }

    private async Task<SuggestOutcome> StoreAsync(Encounter encounter, EngineResult result, Guid messageId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var set = new SuggestionSet
        {
            Id = NewId.NextGuid(),
            EncounterId = encounter.Id,
            SourceMessageId = messageId,
            Engine = engine.Name,
            EngineVersion = engine.Version,
            CodebookVersion = result.CodebookVersion,
            Adjudication = result.Adjudication?.ToJson().ToJsonString(),
            Policy = result.Policy,
            CreatedAt = now,
            Suggestions = result.Suggestions.Select((s, i) => new Suggestion
            {
                Id = NewId.NextGuid(),
                EncounterId = encounter.Id,
                CodeSystem = s.CodeSystem,
                Code = s.Code,
                CodebookVersion = s.CodebookVersion,
                Description = s.Description,
                Confidence = s.Confidence,
                Rank = i + 1,
                Status = SuggestionStatus.Suggested,
                Provenance = s.Provenance,
                Role = s.Role,
                Poa = s.Poa,
                Evidence = s.Evidence.Select(e => new EvidenceSpan { Start = e.Start, End = e.End, SentenceId = e.SentenceId }).ToList(),
            }).ToList(),
        };
        var audit = new List<AuditEntry>(3) { AuditTrail.Entry(Actor.Worker, "note.read", nameof(Encounter), encounter.Id, clock: clock) };
        if (result.Adjudication is { Backend: "openai", PromptHash.Length: > 0 } remote)
        {
            // The note's sentences left the process for an allowlisted endpoint: a disclosure, recorded as such.
            audit.Add(AuditTrail.Entry(Actor.Worker, "note.sent-to-model", nameof(Encounter), encounter.Id,
                detail: $$"""{"model":{{JsonSerializer.Serialize(remote.Model)}},"promptHash":"{{remote.PromptHash}}","deidentified":{{(remote.Deidentified ? "true" : "false")}}}""", clock: clock));
        }
        audit.Add(AuditTrail.Entry(Actor.Worker, "suggestions.created", nameof(Encounter), encounter.Id,
            detail: $$"""{"suggestionSetId":"{{set.Id}}","count":{{set.Suggestions.Count}},"engine":"{{engine.Name}}","policy":"{{set.Policy}}","adjudication":{{set.Adjudication ?? "null"}}}""", clock: clock));
        var outbox = Outbox.Row(new CodesSuggested(encounter.Id, set.Id, set.Suggestions.Count, engine.Name, engine.Version, now), now);
        try
        {
            // One round trip and one transaction: claim (first, so a concurrent duplicate blocks on it and then finds
            // the row taken), set, encounter Coded, audit rows, CodesSuggested outbox row.
            return await SuggestionRows.StoreAsync(db, ConsumerName, set, audit, outbox, ct) ? SuggestOutcome.Coded : SuggestOutcome.AlreadyProcessed;
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_suggestion_sets_encounter_id" })
        {
            // A different message for the same encounter committed first; its set stands.
            return SuggestOutcome.AlreadyCoded;
        }
    }

    /// <summary>Records the message in the inbox; false when it was already there (a duplicate delivery).</summary>
    private async Task<bool> ClaimAsync(Guid messageId, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {ConsumerName}, {now}) ON CONFLICT DO NOTHING", ct) == 1;

    /// <summary>Marks the encounter failed (reason code only) so it shows in status and dashboards while the message dead-letters.</summary>
    private async Task FailAsync(Encounter encounter, string reason, Exception e, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.Attach(encounter);
        encounter.Status = EncounterStatus.Failed;
        encounter.FailureReason = reason;
        encounter.UpdatedAt = clock.GetUtcNow();
        db.Record(Actor.Worker, "note.read", nameof(Encounter), encounter.Id, AuditOutcome.Failed,
            detail: $$"""{"reason":"{{reason}}","error":"{{e.GetType().Name}}"}""", clock: clock);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The message names an encounter this database does not hold; retrying cannot help.</summary>
public sealed class EncounterNotFoundException(Guid encounterId) : Exception($"Encounter {encounterId} does not exist.")
{
    public Guid EncounterId { get; } = encounterId;
}
