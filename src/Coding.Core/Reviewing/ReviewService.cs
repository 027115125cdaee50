using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Notes;
using Coding.Core.Queries;
using Coding.Core.Severity;
using Coding.Core.Suggestions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Reviewing;

/// <summary>
/// A coder's work on one encounter: the view (the note decrypted only for it, and audited), decisions on suggestions,
/// codes added with their spans, finalizing and the export. Codes are checked against the release in force on the date
/// of service and spans against the note, the same rules the engine's output is held to.
/// </summary>
public sealed class ReviewService(CodingDbContext db, NoteProtector protector, CodebookSearch codebooks, ClaimService claims, TimeProvider clock,
    SeverityLookup severity)
{
    public async Task<EncounterView> ViewAsync(Guid encounterId, Actor actor, bool withNote, CancellationToken ct)
    {
        var encounter = await FindAsync(encounterId, ct);
        var set = await db.SuggestionSets.AsNoTracking().FirstOrDefaultAsync(s => s.EncounterId == encounterId, ct);
        var suggestions = await ClaimOrder(db.Suggestions.AsNoTracking().Include(s => s.Evidence).Where(s => s.EncounterId == encounterId))
            .ToListAsync(ct);
        var decisions = (await db.Reviews.AsNoTracking().Where(r => r.EncounterId == encounterId).OrderBy(r => r.CreatedAt).ToListAsync(ct))
            .GroupBy(r => r.SuggestionId).ToDictionary(g => g.Key, g => g.Last());
        var claim = await db.EncounterClaims.AsNoTracking().FirstOrDefaultAsync(c => c.EncounterId == encounterId && c.ExpiresAt > clock.GetUtcNow(), ct);

        string? note = null;
        var context = ContextOf(encounter, withNote ? actor : null, "view");
        if (withNote)
        {
            note = await ReadNoteAsync(encounter, actor, "view", ct);
            await db.SaveChangesAsync(ct);
        }

        var views = new List<SuggestionView>(suggestions.Count);
        foreach (var s in suggestions)
        {
            var (source, replaces) = SourceOf(s.Provenance);
            decisions.TryGetValue(s.Id, out var last);
            views.Add(new SuggestionView(s.Id, s.CodeSystem, s.Code, s.Description, s.Confidence, s.Rank, s.Status, s.Role, s.Poa,
                source, replaces,
                s.Evidence.OrderBy(e => e.Start).Select(e => new SpanView(e.Start, e.End)).ToList(),
                await CodeTextAsync(s.CodeSystem, s.Code, encounter.DateOfService, ct),
                last is null ? null : new DecisionView(last.Action, last.ReasonCode, last.ReplacementCode, last.Reviewer, last.CreatedAt)));
        }
        var onClaim = suggestions.Where(s => s.Status is not (SuggestionStatus.Rejected or SuggestionStatus.Modified)).ToList();
        var graded = await GradeAsync(encounter, onClaim, ct);
        if (graded is not null)
            views = views.Select(v => onClaim.Any(s => s.Id == v.Id) ? v with { Severity = SeverityFor(graded, v.System, v.Code) } : v).ToList();
        return new EncounterView(encounter.Id, encounter.ExternalId, encounter.Setting, encounter.DateOfService, encounter.PatientAgeYears,
            encounter.PatientSex, encounter.Status, encounter.CodedAt, encounter.FinalizedAt, encounter.FinalizedBy,
            claim is null ? null : new ClaimView(claim.Coder, claim.ExpiresAt, claim.Coder == actor.Name),
            note, set?.CodebookVersion ?? "", set?.Policy, views)
        {
            Severity = graded is null ? null : EncounterSeverityView.From(encounter.Setting, graded),
            Context = context,
            // The note, when read for this view, lets a rule check its cue; without it the rule fires on the code alone.
            Queries = QueryRules.Find(onClaim.Where(s => s.CodeSystem == CodeSystem.Icd10Cm).Select(s => s.Code), note),
        };
    }

    /// <summary>
    /// Grades the ICD-10-CM codes of the claim in claim order: the principal / first-listed is the one leading it, else
    /// the first (as finalizing would choose). Null when no severity list is in force on the date of service.
    /// </summary>
    private async Task<EncounterSeverity?> GradeAsync(Encounter encounter, IReadOnlyList<Suggestion> claimOrdered, CancellationToken ct)
    {
        var table = await severity.TableAsync(encounter.DateOfService, ct);
        if (table.CcMccRelease is null && table.HccRelease is null) return null;
        var diagnoses = claimOrdered.Where(s => s.CodeSystem == CodeSystem.Icd10Cm).ToList();
        var lead = diagnoses.FirstOrDefault(s => s.Role != DiagnosisRole.Secondary) ?? diagnoses.FirstOrDefault();
        return table.Grade(diagnoses.Select(s => s.Code).ToList(), lead?.Code);
    }

    private static SuggestionSeverity? SeverityFor(EncounterSeverity graded, CodeSystem system, string code) =>
        system == CodeSystem.Icd10Cm ? EncounterSeverityView.ForCode(graded, code) : null;

    public async Task<DecisionResult> DecideAsync(Guid encounterId, Decision decision, Actor actor, CancellationToken ct)
    {
        var encounter = await ReviewableAsync(encounterId, actor, ct);
        var suggestion = await db.Suggestions.Include(s => s.Evidence).FirstOrDefaultAsync(s => s.Id == decision.SuggestionId && s.EncounterId == encounterId, ct)
            ?? throw new ReviewException(ReviewError.NotFound, $"suggestion {decision.SuggestionId} is not on encounter {encounterId}");
        if (decision.Action is ReviewAction.Add || !ReviewRules.Allows(suggestion.Status, decision.Action))
            throw new ReviewException(ReviewError.Conflict, $"cannot {decision.Action.ToString().ToLowerInvariant()} a suggestion that is {suggestion.Status.ToString().ToLowerInvariant()}");

        var now = clock.GetUtcNow();
        var review = new Review { Id = NewId.NextGuid(), EncounterId = encounterId, SuggestionId = suggestion.Id, Reviewer = actor.Name, Action = decision.Action, CreatedAt = now };
        Suggestion? replacement = null;
        switch (decision.Action)
        {
            case ReviewAction.Accept:
                suggestion.Status = SuggestionStatus.Accepted;
                break;
            case ReviewAction.Reject:
                if (!ReviewRules.IsReason(decision.ReasonCode))
                    throw new ReviewException(ReviewError.Invalid, $"a rejection needs a reason, one of {string.Join(", ", ReviewRules.RejectReasons.Select(r => r.Code))}");
                suggestion.Status = SuggestionStatus.Rejected;
                review.ReasonCode = decision.ReasonCode;
                // A rejected code cannot lead the claim: the coder chooses another, or finalizing takes the first diagnosis.
                suggestion.Role = DiagnosisRole.Secondary;
                break;
            case ReviewAction.Modify:
                var system = decision.System ?? suggestion.CodeSystem;
                var valid = await ValidCodeAsync(system, decision.Code, encounter.DateOfService, ct);
                if (system == suggestion.CodeSystem && valid.Info!.Display == suggestion.Code)
                    throw new ReviewException(ReviewError.Invalid, $"{suggestion.Code} is already the suggested code");
                replacement = NewSuggestion(suggestion.SuggestionSetId, encounterId, valid, await NextRankAsync(encounterId, ct),
                    suggestion.Evidence.Select(e => new EvidenceSpan { Start = e.Start, End = e.End, SentenceId = e.SentenceId }), actor, suggestion.Id);
                suggestion.Status = SuggestionStatus.Modified;
                review.ReplacementCode = replacement.Code;
                if (replacement.CodeSystem == CodeSystem.Icd10Cm && suggestion.CodeSystem == CodeSystem.Icd10Cm)
                    replacement.Poa = suggestion.Poa;   // the same condition, coded more exactly: admitted with it or not as before
                break;
        }
        // A replaced lead hands its role to its replacement (when that is still a diagnosis). The partial unique index
        // allows one lead per set at every statement, so the old lead gives it up in a save of its own first.
        var lead = suggestion.Role;
        var handover = lead != DiagnosisRole.Secondary && replacement is { CodeSystem: CodeSystem.Icd10Cm };
        if (replacement is not null)
            suggestion.Role = DiagnosisRole.Secondary;
        db.Reviews.Add(review);
        db.Record(actor, $"review.{decision.Action.ToString().ToLowerInvariant()}", nameof(Encounter), encounterId,
            detail: $$"""{"suggestionId":"{{suggestion.Id}}","reviewId":"{{review.Id}}"{{(replacement is null ? "" : $",\"newSuggestionId\":\"{replacement.Id}\"")}}}""", clock: clock);
        await using (var tx = handover ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            await SaveAsync(ct);
            if (tx is not null)
            {
                replacement!.Role = lead;
                await SaveAsync(ct);
                await tx.CommitAsync(ct);
            }
        }
        return new DecisionResult(suggestion.Id, suggestion.Status, replacement?.Id);
    }

    public async Task<DecisionResult> AddAsync(Guid encounterId, Addition addition, Actor actor, CancellationToken ct)
    {
        var encounter = await ReviewableAsync(encounterId, actor, ct);
        var valid = await ValidCodeAsync(addition.System, addition.Code, encounter.DateOfService, ct);
        var note = await ReadNoteAsync(encounter, actor, "span-check", ct);
        if (ReviewRules.SpanProblem(note, addition.Start, addition.End, addition.SelectedText) is { } problem)
            throw new ReviewException(ReviewError.Invalid, problem);
        var setId = await db.SuggestionSets.Where(s => s.EncounterId == encounterId).Select(s => s.Id).SingleAsync(ct);
        var added = NewSuggestion(setId, encounterId, valid, await NextRankAsync(encounterId, ct), [new EvidenceSpan { Start = addition.Start, End = addition.End }], actor, null);
        var review = new Review { Id = NewId.NextGuid(), EncounterId = encounterId, SuggestionId = added.Id, Reviewer = actor.Name, Action = ReviewAction.Add, ReplacementCode = added.Code, CreatedAt = clock.GetUtcNow() };
        db.Reviews.Add(review);
        db.Record(actor, "review.add", nameof(Encounter), encounterId, detail: $$"""{"suggestionId":"{{added.Id}}","reviewId":"{{review.Id}}"}""", clock: clock);
        await SaveAsync(ct);
        return new DecisionResult(added.Id, added.Status, added.Id);
    }

    /// <summary>
    /// Makes an ICD-10-CM suggestion the principal (inpatient) or first-listed (outpatient, ED) diagnosis; the one that led
    /// before becomes secondary. One lead per set afterwards: the partial unique index refuses a racing second choice.
    /// </summary>
    public async Task<DecisionResult> ChooseLeadAsync(Guid encounterId, Guid suggestionId, Actor actor, CancellationToken ct)
    {
        var encounter = await ReviewableAsync(encounterId, actor, ct);
        var chosen = await OnEncounterAsync(encounterId, suggestionId, ct);
        if (ReviewRules.LeadProblem(chosen.CodeSystem, chosen.Status) is { } problem)
            throw new ReviewException(chosen.CodeSystem == CodeSystem.Icd10Cm ? ReviewError.Conflict : ReviewError.Invalid, problem);
        var role = encounter.Setting.LeadRole();
        if (chosen.Role == role)
            return new DecisionResult(chosen.Id, chosen.Status, null);
        var previous = await db.Suggestions
            .Where(s => s.SuggestionSetId == chosen.SuggestionSetId && s.Role != DiagnosisRole.Secondary && s.Id != chosen.Id)
            .ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Demote first, in a statement of its own: the unique index is checked row by row, not at the end of the save.
        foreach (var p in previous)
            p.Role = DiagnosisRole.Secondary;
        await SaveAsync(ct);
        chosen.Role = role;
        var was = previous.Count == 0 ? "null" : $"\"{previous[0].Id}\"";
        db.Record(actor, "review.lead", nameof(Encounter), encounterId,
            detail: $$"""{"suggestionId":"{{chosen.Id}}","role":"{{role}}","previous":{{was}}}""", clock: clock);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return new DecisionResult(chosen.Id, chosen.Status, null);
    }

    /// <summary>Records (or, with null, clears) the present-on-admission indicator of an inpatient ICD-10-CM diagnosis.</summary>
    public async Task<DecisionResult> SetPoaAsync(
        Guid encounterId, Guid suggestionId, PresentOnAdmission? poa, Actor actor, CancellationToken ct)
    {
        var encounter = await ReviewableAsync(encounterId, actor, ct);
        var suggestion = await OnEncounterAsync(encounterId, suggestionId, ct);
        if (ReviewRules.PoaProblem(encounter.Setting, suggestion.CodeSystem, suggestion.Status) is { } problem)
        {
            // Wrong setting or code system: the request can never succeed. A rejected code: it can, once accepted again.
            var fixable = encounter.Setting == CareSetting.Inpatient && suggestion.CodeSystem == CodeSystem.Icd10Cm;
            throw new ReviewException(fixable ? ReviewError.Conflict : ReviewError.Invalid, problem);
        }
        var before = suggestion.Poa;
        suggestion.Poa = poa;
        db.Record(actor, "review.poa", nameof(Encounter), encounterId,
            detail: JsonSerializer.Serialize(new { suggestionId = suggestion.Id, poa = poa?.ToString(), previous = before?.ToString() }),
            clock: clock);
        await SaveAsync(ct);
        return new DecisionResult(suggestion.Id, suggestion.Status, null);
    }

    public async Task<int> FinalizeAsync(Guid encounterId, Actor actor, CancellationToken ct)
    {
        var encounter = await ReviewableAsync(encounterId, actor, ct);
        var suggestions = await ClaimOrder(db.Suggestions.Where(s => s.EncounterId == encounterId)).ToListAsync(ct);
        var statuses = suggestions.Select(s => s.Status).ToList();
        var undecided = statuses.Count(s => s == SuggestionStatus.Suggested);
        if (undecided > 0)
            throw new ReviewException(ReviewError.Conflict, $"{undecided} suggestion(s) still undecided: accept, reject or modify each before finalizing");
        // A claim has a principal / first-listed diagnosis. When none leads (the coder rejected it, or the set predates
        // roles), the first diagnosis in claim order takes the role, as the export did before roles were stored.
        var diagnoses = suggestions.Where(s => s.CodeSystem == CodeSystem.Icd10Cm && ReviewRules.IsFinal(s.Status)).ToList();
        Suggestion? assigned = null;
        if (diagnoses.Count > 0 && suggestions.All(s => s.Role == DiagnosisRole.Secondary))
        {
            assigned = diagnoses[0];
            assigned.Role = encounter.Setting.LeadRole();
        }
        var now = clock.GetUtcNow();
        encounter.Status = EncounterStatus.Finalized;
        encounter.FinalizedAt = now;
        encounter.FinalizedBy = actor.Name;
        encounter.UpdatedAt = now;
        var final = statuses.Count(ReviewRules.IsFinal);
        db.EncounterClaims.RemoveRange(db.EncounterClaims.Where(c => c.EncounterId == encounterId));
        db.Record(actor, "review.finalize", nameof(Encounter), encounterId,
            detail: $$"""{"finalCodes":{{final}},"leadAssigned":{{(assigned is null ? "null" : $"\"{assigned.Id}\"")}}}""", clock: clock);
        await SaveAsync(ct);
        return final;
    }

    public async Task<FinalizedEncounter> ExportAsync(Guid encounterId, Actor actor, CancellationToken ct)
    {
        var encounter = await FindAsync(encounterId, ct);
        if (encounter.Status != EncounterStatus.Finalized)
            throw new ReviewException(ReviewError.Conflict, $"encounter {encounterId} is not finalized yet");
        var codes = await ClaimOrder(db.Suggestions.AsNoTracking().Include(s => s.Evidence)
            .Where(s => s.EncounterId == encounterId && (s.Status == SuggestionStatus.Accepted || s.Status == SuggestionStatus.Added)))
            .ToListAsync(ct);
        db.Record(actor, "codes.export", nameof(Encounter), encounterId, detail: $$"""{"codes":{{codes.Count}}}""", clock: clock);
        var context = ContextOf(encounter, actor, "export");
        await db.SaveChangesAsync(ct);
        var graded = await GradeAsync(encounter, codes, ct);
        return new FinalizedEncounter(encounter.Id, encounter.ExternalId, encounter.Setting, encounter.DateOfService, encounter.FinalizedAt!.Value, encounter.FinalizedBy!,
            codes.Select((s, i) => new FinalCode(s.CodeSystem, s.Code, s.Description, s.CodebookVersion, i + 1, SourceOf(s.Provenance).Source,
                s.Evidence.OrderBy(e => e.Start).Select(e => new SpanView(e.Start, e.End)).ToList(), s.Role, s.Poa)
            { Severity = graded is null ? null : SeverityFor(graded, s.CodeSystem, s.Code) }).ToList())
        { Severity = graded is null ? null : EncounterSeverityView.From(encounter.Setting, graded), Context = context };
    }

    /// <summary>
    /// The encounter's account context. With an actor its identifiers are decrypted, and the read is audited (one row,
    /// added to the caller's unit of work); without one they are left out.
    /// </summary>
    private EncounterContext ContextOf(Encounter encounter, Actor? actor, string purpose)
    {
        string? mrn = null, account = null;
        if (actor is not null && encounter.IdentifiersCiphertext is not null)
        {
            (mrn, account) = protector.OpenIdentifiers(encounter.Id, encounter.IdentifiersCiphertext, encounter.IdentifiersKeyId);
            db.Record(actor, "identifiers.read", nameof(Encounter), encounter.Id, detail: $$"""{"purpose":"{{purpose}}"}""", clock: clock);
        }
        return new EncounterContext(mrn, account, encounter.Payer, encounter.AdmittedAt, encounter.DischargedAt, encounter.Attending,
            encounter.DischargeDisposition);
    }

    /// <summary>Claim order: the diagnosis that leads the claim first, then the engine's rank (coders' codes after).</summary>
    private static IQueryable<Suggestion> ClaimOrder(IQueryable<Suggestion> suggestions) =>
        suggestions.OrderBy(s => s.Role == DiagnosisRole.Secondary).ThenBy(s => s.Rank);

    private async Task<Suggestion> OnEncounterAsync(Guid encounterId, Guid suggestionId, CancellationToken ct) =>
        await db.Suggestions.FirstOrDefaultAsync(s => s.Id == suggestionId && s.EncounterId == encounterId, ct)
        ?? throw new ReviewException(ReviewError.NotFound, $"suggestion {suggestionId} is not on encounter {encounterId}");

    private async Task<Encounter> FindAsync(Guid encounterId, CancellationToken ct) =>
        await db.Encounters.FirstOrDefaultAsync(e => e.Id == encounterId, ct)
        ?? throw new ReviewException(ReviewError.NotFound, $"encounter {encounterId} does not exist");

    /// <summary>The encounter, when it awaits review and the actor holds its claim (renewed by this call).</summary>
    private async Task<Encounter> ReviewableAsync(Guid encounterId, Actor actor, CancellationToken ct)
    {
        var encounter = await FindAsync(encounterId, ct);
        if (encounter.Status != EncounterStatus.Coded)
            throw new ReviewException(ReviewError.Conflict, $"encounter {encounterId} is {encounter.Status.ToString().ToLowerInvariant()}, not awaiting review");
        if (!await claims.RenewAsync(encounterId, actor.Name, ct))
            throw new ReviewException(ReviewError.Conflict, $"claim encounter {encounterId} before deciding on it (or your claim expired or was taken over)");
        return encounter;
    }

    private async Task<string> ReadNoteAsync(Encounter encounter, Actor actor, string purpose, CancellationToken ct)
    {
        var note = await db.Notes.AsNoTracking().FirstOrDefaultAsync(n => n.EncounterId == encounter.Id, ct)
            ?? throw new ReviewException(ReviewError.NotFound, $"encounter {encounter.Id} has no note");
        db.Record(actor, "note.read", nameof(Encounter), encounter.Id, detail: $$"""{"purpose":"{{purpose}}"}""", clock: clock);
        return protector.Unprotect(note);
    }

    private async Task<ValidityResult> ValidCodeAsync(CodeSystem system, string? code, DateOnly date, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16)
            throw new ReviewException(ReviewError.Invalid, "a code is required");
        var validity = await codebooks.CheckAsync(system, code, date, ct);
        if (!validity.IsValidAndBillable)
            throw new ReviewException(ReviewError.Invalid, validity.Message);
        return validity;
    }

    private async Task<int> NextRankAsync(Guid encounterId, CancellationToken ct) =>
        (await db.Suggestions.Where(s => s.EncounterId == encounterId).MaxAsync(s => (int?)s.Rank, ct) ?? 0) + 1;

    private Suggestion NewSuggestion(Guid setId, Guid encounterId, ValidityResult valid, int rank, IEnumerable<EvidenceSpan> evidence, Actor actor, Guid? replaces)
    {
        var suggestion = new Suggestion
        {
            Id = NewId.NextGuid(),
            SuggestionSetId = setId,
            EncounterId = encounterId,
            CodeSystem = valid.System,
            Code = valid.Info!.Display,
            CodebookVersion = valid.Release!.Version,
            Description = valid.Info.Title,
            // A coder's own code is not a guess: full confidence, so calibration reports can leave these out by source.
            Confidence = 1,
            Rank = rank,
            Status = SuggestionStatus.Added,
            Provenance = JsonSerializer.Serialize(new { source = "coder", reviewer = actor.Name, replaces }),
            Evidence = evidence.ToList(),
        };
        db.Suggestions.Add(suggestion);
        return suggestion;
    }

    private const string LeadIndex = "ix_suggestions_one_lead_per_set";

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
            when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: LeadIndex })
        {
            throw new ReviewException(ReviewError.Conflict,
                "another diagnosis was made to lead the claim at the same time: reload and choose again");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ReviewException(ReviewError.Conflict, "that code is already listed on this encounter");
        }
    }

    private async Task<CodeText?> CodeTextAsync(CodeSystem system, string code, DateOnly date, CancellationToken ct)
    {
        var info = (await codebooks.LookupAsync(code, system, date, ct)).FirstOrDefault();
        if (info is null)
            return null;
        var notes = system == CodeSystem.Icd10Cm
            ? (await codebooks.NotesAsync(code, ct)).Select(n => new TabularNoteView(n.Code, n.Kind.ToString(), n.Text)).ToList()
            : [];
        return new CodeText(info.Title, info.Billable, $"{Codebooks.Parsing.CodeFormat.Slug(system)} {info.Release.Version}", notes);
    }

    private static (string Source, Guid? Replaces) SourceOf(string provenance)
    {
        using var json = JsonDocument.Parse(provenance);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("source", out var source) || source.GetString() != "coder")
            return ("engine", null);
        return ("coder", root.TryGetProperty("replaces", out var r) && r.ValueKind == JsonValueKind.String ? r.GetGuid() : null);
    }
}
