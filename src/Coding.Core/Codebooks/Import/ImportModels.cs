using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks.Import;

/// <param name="SourceRoot">Folder with the official files (read in place).</param>
/// <param name="Only">Systems to import; null for all that are found.</param>
/// <param name="CptFile">A licensed CPT file (see CptFileParser for its columns); without one the demo set is loaded.</param>
/// <param name="CptYear">Year of the CPT file when its name does not carry one.</param>
public sealed record ImportRequest(string SourceRoot, IReadOnlySet<CodeSystem>? Only = null, string? CptFile = null, int? CptYear = null);

public sealed record ImportProgress(string Stage, long Done, long Total);

public enum ReleaseOutcome { Imported, Unchanged, Replaced, Refused }

public sealed record ReleaseImportResult(
    CodeSystem System,
    string Version,
    ReleaseOutcome Outcome,
    bool Derived,
    int Codes,
    int Billable,
    int NewTerms,
    int NewNotes,
    TimeSpan Elapsed,
    string Detail);

/// <summary>The POA-exempt list of one ICD-10-CM release: codes loaded (or already stored), codes the release lacks.</summary>
public sealed record PoaExemptImportResult(string Version, ReleaseOutcome Outcome, int Codes, int Unknown, TimeSpan Elapsed, string Detail);

public sealed record ImportReport(
    IReadOnlyList<ReleaseImportResult> Releases,
    int NewGuidelineChunks,
    int NewTabularChunks,
    IReadOnlyDictionary<string, TimeSpan> Timings,
    TimeSpan Total,
    IReadOnlyList<string> Warnings)
{
    /// <summary>One row per ICD-10-CM release whose folder has a POA-exempt list.</summary>
    public IReadOnlyList<PoaExemptImportResult> PoaExempt { get; init; } = [];
}
