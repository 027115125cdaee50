using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine.Validation;
using Coding.Core.Queries;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coding.Core.Autonomy;

public enum AutonomyOutcome
{
    /// <summary>Autonomy is off for this site.</summary>
    Off,

    /// <summary>A suggestion's family has no threshold for the setting, or its confidence is under it.</summary>
    BelowThreshold,

    /// <summary>A CDI query would be raised, or a code fails an age/sex edit: a coder must look.</summary>
    Held,

    /// <summary>It qualified, but the QA sample sends it to a coder, whose decisions measure autonomous accuracy.</summary>
    QaSample,

    Finalized,
}

/// <summary>
/// Right after a suggestion set is stored, finalizes the encounter with no coder when every suggestion cleared its
/// family's proven threshold (actor <c>autonomous</c>, audited), unless a CDI query or an edit holds it or the QA sample
/// picks it. Reversible: <see cref="ReopenAsync"/> puts it back in the coders' queue.
/// </summary>
public sealed class AutonomousFinalizer(CodingDbContext db, IOptions<AutonomyOptions> options, TimeProvider clock)
{
    public async Task<AutonomyOutcome> DecideAsync(Guid encounterId, string noteText, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return AutonomyOutcome.Off;
        db.ChangeTracker.Clear();
        var encounter = await db.Encounters.FirstAsync(e => e.Id == encounterId, ct);
        // Only a set nobody has touched: a redelivery after a coder started must not finalize over their decisions.
        if (encounter.Status != EncounterStatus.Coded) return AutonomyOutcome.Held;
        var suggestions = await db.Suggestions.Where(s => s.EncounterId == encounterId).OrderBy(s => s.Rank).ToListAsync(ct);
        if (suggestions.Any(s => s.Status != SuggestionStatus.Suggested)) return AutonomyOutcome.Held;

        var thresholds = ThresholdsOf(o);
        var scored = suggestions.Select(s => new ScoredSuggestion(encounterId.ToString(), encounter.Setting.ToString(), s.Code, s.Confidence, false)).ToList();
        if (!AutonomyDecision.Qualifies(scored, thresholds))
            return await AuditAsync(encounterId, AutonomyOutcome.BelowThreshold, ct);

        var diagnoses = suggestions.Where(s => s.CodeSystem == CodeSystem.Icd10Cm).ToList();
        var queries = QueryRules.Find(diagnoses.Select(s => s.Code), noteText).Count;
        var edits = diagnoses.Count(s => AgeSexEdits.Conflict(s.Code, encounter.PatientAgeYears, encounter.PatientSex) is not null);
        if (queries > 0 || edits > 0)
            return await AuditAsync(encounterId, AutonomyOutcome.Held, ct, $$""","queries":{{queries}},"editFailures":{{edits}}""");
        if (InQaSample(encounterId, o.QaSampleRate))
            return await AuditAsync(encounterId, AutonomyOutcome.QaSample, ct);

        var now = clock.GetUtcNow();
        foreach (var s in suggestions) s.Status = SuggestionStatus.Accepted;
        // A claim needs a lead diagnosis; as when a coder finalizes, the first in rank takes it when none has it.
        if (diagnoses.Count > 0 && suggestions.All(s => s.Role == DiagnosisRole.Secondary))
            diagnoses[0].Role = encounter.Setting.LeadRole();
        encounter.Status = EncounterStatus.Finalized;
        encounter.FinalizedAt = now;
        encounter.FinalizedBy = Actor.Autonomous.Name;
        encounter.UpdatedAt = now;
        db.Record(Actor.Autonomous, "autonomy.finalize", nameof(Encounter), encounterId,
            detail: JsonSerializer.Serialize(new { finalCodes = suggestions.Count, minConfidence = suggestions.Min(s => s.Confidence) }), clock: clock);
        await db.SaveChangesAsync(ct);
        return AutonomyOutcome.Finalized;
    }

    /// <summary>
    /// Undoes an autonomous finalization: back to Coded with every code undecided, so a coder reviews it as any other.
    /// Only autonomous ones: a coder's finalization is theirs to stand by.
    /// </summary>
    public async Task<bool> ReopenAsync(Guid encounterId, Actor actor, CancellationToken ct)
    {
        var encounter = await db.Encounters.FirstOrDefaultAsync(e => e.Id == encounterId, ct);
        if (encounter is not { Status: EncounterStatus.Finalized } || encounter.FinalizedBy != Actor.Autonomous.Name) return false;
        foreach (var s in await db.Suggestions.Where(s => s.EncounterId == encounterId && s.Status == SuggestionStatus.Accepted).ToListAsync(ct))
            s.Status = SuggestionStatus.Suggested;
        encounter.Status = EncounterStatus.Coded;
        encounter.FinalizedAt = null;
        encounter.FinalizedBy = null;
        encounter.UpdatedAt = clock.GetUtcNow();
        db.Record(actor, "autonomy.reopen", nameof(Encounter), encounterId, clock: clock);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Encounters finalized with no coder (still so: a reopened one leaves the list), newest first.</summary>
    public Task<List<Guid>> ListAsync(int limit, CancellationToken ct) =>
        db.Encounters.AsNoTracking().Where(e => e.Status == EncounterStatus.Finalized && e.FinalizedBy == Actor.Autonomous.Name)
            .OrderByDescending(e => e.FinalizedAt).Take(limit).Select(e => e.Id).ToListAsync(ct);

    /// <summary>Deterministic per encounter (a hash of its id), so the same encounter is sampled on every worker and every rerun.</summary>
    public static bool InQaSample(Guid encounterId, double rate)
    {
        if (rate <= 0) return false;
        if (rate >= 1) return true;
        var hash = SHA256.HashData(encounterId.ToByteArray());
        return BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue < rate;
    }

    // The thresholds are the options' (validated at start, file included): read and normalized once per options
    // instance, not once per encounter on the worker's hot path.
    private static readonly ConditionalWeakTable<AutonomyOptions, List<FamilyThreshold>> Resolved = new();

    private static List<FamilyThreshold> ThresholdsOf(AutonomyOptions options) => Resolved.GetValue(options, o =>
        o.Resolve().Select(t => t with { Setting = Enum.Parse<CareSetting>(t.Setting, ignoreCase: true).ToString(), Family = t.Family.ToUpperInvariant() }).ToList());

    private async Task<AutonomyOutcome> AuditAsync(Guid encounterId, AutonomyOutcome outcome, CancellationToken ct, string extra = "")
    {
        // Why it went to a coder, as a reason code (no codes, no text): the autonomy rate's denominator explained.
        db.Record(Actor.Autonomous, "autonomy.declined", nameof(Encounter), encounterId,
            detail: $$"""{"reason":"{{outcome.ToString().ToLowerInvariant()}}"{{extra}}}""", clock: clock);
        await db.SaveChangesAsync(ct);
        return outcome;
    }
}
