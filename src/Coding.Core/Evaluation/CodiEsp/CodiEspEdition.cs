using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;

namespace Coding.Core.Evaluation.CodiEsp;

/// <summary>
/// The code edition CodiEsp's gold is written in. Its diagnoses are CIE-10-ES 2018, the Spanish edition of ICD-10-CM
/// FY2017: its gold holds 153 codes that took effect on 2016-10-01 (FY2017, e.g. D49.59, E78.00) and none of the
/// thousands that took effect from 2017-10-01 on, while it writes R51, M54.5 and K56.60, which later releases split.
/// </summary>
public static class CodiEspEdition
{
    public static readonly DateOnly NewCodesFrom = new(2017, 10, 1);

    public static CodeEdition From(IEnumerable<CodeConversion> conversions) =>
        new("ICD-10-CM FY2017 (CIE-10-ES 2018)", conversions, NewCodesFrom);

    /// <summary>From the conversion table of the release folder (e.g. ../shared/codebooks/icd10cm-2026), or null when it has none.</summary>
    public static CodeEdition? FromRelease(string releaseFolder) =>
        ConversionTableParser.Find(releaseFolder) is { } path ? From(ConversionTableParser.Read(path)) : null;

    /// <summary>
    /// From the conversion table of the ICD-10-CM release in force, in the codebook folder the importer reads
    /// (<see cref="CodebookSources.ResolveRoot"/> with <c>Codebooks:SourceRoot</c>), or null when there is none.
    /// </summary>
    public static CodeEdition? FromCodebooks(string? configuredRoot, string releaseVersion) =>
        CodebookSources.ResolveRoot(configuredRoot) is { } root ? FromRelease(Path.Combine(root, $"icd10cm-{releaseVersion}")) : null;
}
