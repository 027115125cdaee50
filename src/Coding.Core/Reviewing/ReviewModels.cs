using Coding.Core.Encounters;
using Coding.Core.Queries;
using Coding.Core.Severity;
using Coding.Core.Suggestions;

namespace Coding.Core.Reviewing;

/// <summary>What the encounter view shows. <see cref="Note"/> is null unless the caller asked for the note (an audited read).</summary>
public sealed record EncounterView(
    Guid Id,
    string ExternalId,
    CareSetting Setting,
    DateOnly DateOfService,
    int? PatientAge,
    PatientSex PatientSex,
    EncounterStatus Status,
    DateTimeOffset? CodedAt,
    DateTimeOffset? FinalizedAt,
    string? FinalizedBy,
    ClaimView? Claim,
    string? Note,
    string CodebookVersion,
    CodingPolicy? Policy,
    IReadOnlyList<SuggestionView> Suggestions)
{
    /// <summary>Tier and HCCs of the codes on the claim now (rejected and replaced ones left out); null without severity lists.</summary>
    public EncounterSeverityView? Severity { get; init; }

    /// <summary>The account context; its MRN and account number only in a view that read the note (the same audited read).</summary>
    public EncounterContext Context { get; init; } = EncounterContext.None;

    /// <summary>CDI queries the claim's unspecified codes call for, drafted from the current suggestions (read-only: no query workflow yet).</summary>
    public IReadOnlyList<DraftQuery> Queries { get; init; } = [];
}

public sealed record ClaimView(string Coder, DateTimeOffset ExpiresAt, bool Mine);

/// <param name="Source">"engine" or "coder" (added, or the replacement of a modified suggestion).</param>
/// <param name="Replaces">For a replacement: the suggestion it replaced.</param>
/// <param name="Role">Principal / FirstListed for the diagnosis that leads the claim (listed first), Secondary otherwise.</param>
/// <param name="Poa">Present-on-admission indicator (inpatient diagnoses), null until set.</param>
public sealed record SuggestionView(
    Guid Id,
    CodeSystem System,
    string Code,
    string Description,
    double Confidence,
    int Rank,
    SuggestionStatus Status,
    DiagnosisRole Role,
    PresentOnAdmission? Poa,
    string Source,
    Guid? Replaces,
    IReadOnlyList<SpanView> Evidence,
    CodeText? Codebook,
    DecisionView? LastDecision)
{
    /// <summary>CC/MCC and HCC flags of an ICD-10-CM code on the claim; null for other systems and codes off the claim.</summary>
    public SuggestionSeverity? Severity { get; init; }
}

public sealed record SpanView(int Start, int End);

/// <summary>The codebook's own words for a code on the encounter's date, with the Tabular instructions above it.</summary>
public sealed record CodeText(string Title, bool Billable, string Release, IReadOnlyList<TabularNoteView> Notes);

public sealed record TabularNoteView(string Code, string Kind, string Text);

public sealed record DecisionView(ReviewAction Action, string? ReasonCode, string? ReplacementCode, string Reviewer, DateTimeOffset At);

/// <summary>Accept, reject (with <see cref="ReasonCode"/>) or modify (to <see cref="Code"/> in <see cref="System"/>, default the same system).</summary>
public sealed record Decision(Guid SuggestionId, ReviewAction Action, string? ReasonCode = null, CodeSystem? System = null, string? Code = null);

/// <summary>A code the engine missed, with the note span that supports it and the text the coder selected there.</summary>
public sealed record Addition(CodeSystem System, string Code, int Start, int End, string? SelectedText);

public sealed record DecisionResult(Guid SuggestionId, SuggestionStatus Status, Guid? NewSuggestionId);

/// <param name="Sequence">1.. in claim order: the principal / first-listed diagnosis first, then the rest by rank.</param>
/// <param name="PoaIndicator">The claim form's letter (Y, N, U, W; empty for exempt), null when no POA is recorded.</param>
public sealed record FinalCode(
    CodeSystem System,
    string Code,
    string Description,
    string CodebookVersion,
    int Sequence,
    string Source,
    IReadOnlyList<SpanView> Evidence,
    DiagnosisRole Role = DiagnosisRole.Secondary,
    PresentOnAdmission? Poa = null)
{
    public string? PoaIndicator => Poa?.Letter();

    public SuggestionSeverity? Severity { get; init; }
}

public sealed record FinalizedEncounter(
    Guid EncounterId,
    string ExternalId,
    CareSetting Setting,
    DateOnly DateOfService,
    DateTimeOffset FinalizedAt,
    string FinalizedBy,
    IReadOnlyList<FinalCode> Codes)
{
    public EncounterSeverityView? Severity { get; init; }

    /// <summary>The account context, identifiers included (the export is an audited read of them).</summary>
    public EncounterContext? Context { get; init; }
}
