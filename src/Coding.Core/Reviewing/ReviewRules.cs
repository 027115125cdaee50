using Coding.Core.Suggestions;

namespace Coding.Core.Reviewing;

public sealed record RejectReason(string Code, string Label);

/// <summary>The pure rules of a review: which decision fits which state, the reasons a coder may give, what a span must be.</summary>
public static class ReviewRules
{
    /// <summary>The fixed list a rejection reason comes from (the dashboard groups override rates by these codes).</summary>
    public static IReadOnlyList<RejectReason> RejectReasons { get; } =
    [
        new("not-documented", "Not documented in the note"),
        new("negated", "Negated or ruled out"),
        new("historical", "History only, not current"),
        new("uncertain", "Uncertain diagnosis (outpatient)"),
        new("family-history", "Family member, not the patient"),
        new("less-specific", "A more specific code applies"),
        new("integral", "Integral to another coded condition"),
        new("excludes1", "Excludes1 conflict with another code"),
        new("wrong-setting", "Not reportable in this setting"),
        new("other", "Other"),
    ];

    public static bool IsReason(string? code) => code is not null && RejectReasons.Any(r => r.Code == code);

    /// <summary>
    /// Accept or reject an engine suggestion (a decision can be changed until finalizing); reject a coder's own addition;
    /// replace (modify) anything not already replaced. A modified suggestion is history: its replacement carries on.
    /// </summary>
    public static bool Allows(SuggestionStatus status, ReviewAction action) => (status, action) switch
    {
        (SuggestionStatus.Modified, _) => false,
        (SuggestionStatus.Added, ReviewAction.Accept) => false,
        (_, ReviewAction.Accept) => status != SuggestionStatus.Accepted,
        (_, ReviewAction.Reject) => status != SuggestionStatus.Rejected,
        (_, ReviewAction.Modify) => true,
        _ => false,
    };

    /// <summary>
    /// Why a suggestion cannot lead the claim (principal / first-listed), or null when it can: an ICD-10-CM diagnosis
    /// that is still on the claim (not rejected, not replaced).
    /// </summary>
    public static string? LeadProblem(CodeSystem system, SuggestionStatus status) =>
        system != CodeSystem.Icd10Cm ? "only an ICD-10-CM diagnosis can be the principal or first-listed diagnosis"
        : status is SuggestionStatus.Rejected or SuggestionStatus.Modified
            ? $"a {status.ToString().ToLowerInvariant()} code cannot lead the claim"
        : null;

    /// <summary>
    /// Why a present-on-admission indicator cannot be recorded on a suggestion, or null when it can: POA is reported on
    /// inpatient claims (UB-04 / 837I) for ICD-10-CM diagnoses still on the claim.
    /// </summary>
    public static string? PoaProblem(Encounters.CareSetting setting, CodeSystem system, SuggestionStatus status) =>
        setting != Encounters.CareSetting.Inpatient
            ? $"present on admission is reported for inpatient encounters only (this one is {setting.ToString().ToLowerInvariant()})"
        : system != CodeSystem.Icd10Cm ? "present on admission is reported for ICD-10-CM diagnoses only"
        : status is SuggestionStatus.Rejected or SuggestionStatus.Modified
            ? $"the code is {status.ToString().ToLowerInvariant()}: it is not on the claim"
        : null;

    /// <summary>The codes a finalized encounter reports.</summary>
    public static bool IsFinal(SuggestionStatus status) => status is SuggestionStatus.Accepted or SuggestionStatus.Added;

    /// <summary>
    /// Why a coder's span cannot be evidence, or null when it can: inside the note, not blank-edged, and exactly the text
    /// the coder selected (the browser and the server must agree on offsets, or the evidence would point elsewhere).
    /// </summary>
    public static string? SpanProblem(string note, int start, int end, string? selectedText)
    {
        if (start < 0 || end <= start || end > note.Length)
            return $"span [{start},{end}) is not inside the note (length {note.Length})";
        if (char.IsWhiteSpace(note[start]) || char.IsWhiteSpace(note[end - 1]))
            return $"span [{start},{end}) begins or ends with white space";
        if (selectedText is null || !note.AsSpan(start, end - start).SequenceEqual(selectedText))
            return $"the selected text does not match the note at [{start},{end})";
        return null;
    }
}
