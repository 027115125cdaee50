using Coding.Core.Encounters;

namespace Coding.Core.Suggestions;

/// <summary>Turns one decrypted note into code suggestions. Implementations must ground every code in the note.</summary>
public interface ISuggestionEngine
{
    string Name { get; }
    string Version { get; }
    Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct);
}

/// <summary>What an engine may see: the note and the facts coding edits need. Lives only in memory.</summary>
public sealed record EncounterNote(
    Guid EncounterId,
    CareSetting Setting,
    DateOnly DateOfService,
    int? PatientAgeYears,
    PatientSex PatientSex,
    string Text);

/// <param name="Adjudication">Who adjudicated the candidates (model, prompt hash, fallback), or null when no adjudicator ran.</param>
/// <param name="Policy">The coding policy the suggestions follow (recorded on the suggestion set).</param>
public sealed record EngineResult(string CodebookVersion, IReadOnlyList<SuggestionDraft> Suggestions, Adjudication.AdjudicationProvenance? Adjudication = null,
    CodingPolicy Policy = CodingPolicy.Claims);

/// <param name="Role">Principal (inpatient) or first-listed (outpatient/ED) for exactly one diagnosis of a set.</param>
/// <param name="Poa">Present-on-admission indicator of an inpatient diagnosis; null outside inpatient care.</param>
public sealed record SuggestionDraft(
    CodeSystem CodeSystem,
    string Code,
    string CodebookVersion,
    string Description,
    double Confidence,
    IReadOnlyList<SpanDraft> Evidence,
    string Provenance,
    DiagnosisRole Role = DiagnosisRole.Secondary,
    PresentOnAdmission? Poa = null);

public sealed record SpanDraft(int Start, int End, int? SentenceId);
