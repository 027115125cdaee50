using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Notes;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Coding.Core.Evaluation.Finalized;

/// <summary>
/// A site's own finalized encounters as gold for learning: the coders' decisions are the labels. The gold of an encounter
/// is the ICD-10-CM codes the claim reports — accepted suggestions, replacements of modified ones and codes the coder
/// added (<see cref="ReviewRules.IsFinal"/>); rejected and modified-away codes are not gold. Every note is
/// decrypted through <see cref="NoteProtector"/> and audited as a <c>note.read</c> for learning, like a coder's view.
/// </summary>
public sealed class FinalizedGold(CodingDbContext db, NoteProtector protector, TimeProvider clock)
{
    /// <summary>Encounters per round trip: bounds the rows one query returns and the audit rows one commit holds.</summary>
    private const int PageSize = 200;

    /// <summary>The finalized encounters (finalized at or after <paramref name="since"/>, when given), oldest first.</summary>
    /// <exception cref="NoteUnreadableException">A note cannot be decrypted (unknown key, tampered ciphertext): learning
    /// from the others would leave out an encounter without anyone noticing. The failed read is audited first.</exception>
    public async Task<IReadOnlyList<FinalizedDocument>> ReadAsync(Actor actor, DateTimeOffset? since, CancellationToken ct)
    {
        var finalized = db.Encounters.AsNoTracking().Where(e => e.Status == EncounterStatus.Finalized);
        if (since is { } from)
            finalized = finalized.Where(e => e.FinalizedAt >= from);
        var ids = await finalized.OrderBy(e => e.FinalizedAt).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);

        var documents = new List<FinalizedDocument>(ids.Count);
        foreach (var page in ids.Chunk(PageSize))
            documents.AddRange(await PageAsync(page, actor, ct));
        return documents;
    }

    private async Task<List<FinalizedDocument>> PageAsync(Guid[] ids, Actor actor, CancellationToken ct)
    {
        var encounters = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var notes = await db.Notes.AsNoTracking().Where(n => ids.Contains(n.EncounterId)).ToDictionaryAsync(n => n.EncounterId, ct);
        var suggestions = (await db.Suggestions.AsNoTracking().Include(s => s.Evidence)
                .Where(s => ids.Contains(s.EncounterId) && s.CodeSystem == CodeSystem.Icd10Cm).ToListAsync(ct))
            .ToLookup(s => s.EncounterId);

        var documents = new List<FinalizedDocument>(ids.Length);
        try
        {
            foreach (var id in ids)
            {
                var encounter = encounters[id];
                var text = Read(encounter.Id, notes.GetValueOrDefault(id), actor);
                var (codes, decisions) = Gold(encounter.Setting, suggestions[id].ToList());
                documents.Add(new FinalizedDocument(encounter.Id, encounter.ExternalId, encounter.Setting, encounter.DateOfService,
                    encounter.PatientAgeYears, encounter.PatientSex, encounter.FinalizedAt!.Value, text, codes, decisions));
            }
        }
        finally
        {
            // The audit rows of the notes read so far commit even when a later note fails, its failed read included.
            await db.SaveChangesAsync(ct);
            // Only audit rows are tracked; letting them pile up would slow every later SaveChanges of a long read.
            db.ChangeTracker.Clear();
        }
        return documents;
    }

    private string Read(Guid encounterId, Note? note, Actor actor)
    {
        try
        {
            var text = note is null ? throw new NoteUnreadableException(encounterId, "note is missing") : protector.Unprotect(note);
            db.Record(actor, "note.read", nameof(Encounter), encounterId, detail: """{"purpose":"learning"}""", clock: clock);
            return text;
        }
        catch (NoteUnreadableException e)
        {
            db.Record(actor, "note.read", nameof(Encounter), encounterId, AuditOutcome.Failed,
                detail: $$"""{"purpose":"learning","error":"{{e.GetType().Name}}"}""", clock: clock);
            throw;
        }
    }

    /// <summary>
    /// The codes the claim reports, in its order (by rank, as the export sequences them: a replacement or an added code
    /// takes the next rank, so it follows the engine's codes), and the decisions that led there.
    /// </summary>
    internal static (IReadOnlyList<FinalizedCode> Codes, DecisionCounts Decisions) Gold(
        CareSetting setting, IReadOnlyList<Suggestion> suggestions)
    {
        var byId = suggestions.ToDictionary(s => s.Id);
        var codes = new List<FinalizedCode>();
        var (accepted, rejected, modified, added) = (0, 0, 0, 0);
        foreach (var s in suggestions.OrderBy(s => s.Rank).ThenBy(s => s.Code, StringComparer.Ordinal))
        {
            var replaces = Replaces(s.Provenance);
            switch (s.Status)
            {
                case SuggestionStatus.Accepted:
                    accepted++;
                    break;
                case SuggestionStatus.Rejected:
                    rejected++;
                    break;
                case SuggestionStatus.Modified:
                    modified++;
                    break;
                case SuggestionStatus.Added when replaces is null:
                    added++;
                    break;
            }
            if (!ReviewRules.IsFinal(s.Status))
                continue;
            // Suggestion.Role, where a later schema has it, would say this outright; the claim's order says it today.
            var role = codes.Count == 0 ? setting.LeadRole() : DiagnosisRole.Secondary;
            var decision = s.Status == SuggestionStatus.Accepted ? ReviewAction.Accept
                : replaces is null ? ReviewAction.Add : ReviewAction.Modify;
            codes.Add(new FinalizedCode(s.Code, role, decision, replaces is { } r ? byId.GetValueOrDefault(r)?.Code : null,
                s.Evidence.OrderBy(e => e.Start).Select(e => new GoldSpan(e.Start, e.End)).ToList()));
        }
        return (codes, new DecisionCounts(accepted, rejected, modified, added));
    }

    /// <summary>The suggestion a coder's code replaced (provenance <c>{"source":"coder","replaces":id}</c>), or null.</summary>
    private static Guid? Replaces(string provenance)
    {
        using var json = JsonDocument.Parse(provenance);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("replaces", out var r)
            && r.ValueKind == JsonValueKind.String && r.TryGetGuid(out var id) ? id : null;
    }
}
