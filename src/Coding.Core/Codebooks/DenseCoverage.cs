using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks;

/// <summary>
/// Which terms get a vector (and so a place in the HNSW graph). Every term is in the full-text index; vectors go to the
/// texts where fuzzy similarity adds something: ICD-10-CM titles, inclusion and index terms, HCPCS and CPT titles.
/// Left to full text: ICD-10-PCS titles (80k combinatorial titles built from a closed vocabulary of operations, body
/// parts, approaches and devices, where word match is what works), the Drug/Neoplasm table cells (the same row text
/// repeated once per column), and the ~35k ICD-10-CM titles of subsequent-encounter and sequela 7th-character codes
/// (the initial-encounter title next to them carries the same words; the 7th character is the coder's choice from the
/// Tabular). Together they are half of all terms, and the HNSW build over them would cost more than the rest of the
/// import on a 2-core machine.
/// </summary>
public static class DenseCoverage
{
    public static bool HasVectors(CodeSystem system) => system != CodeSystem.Icd10Pcs;

    public static bool Covers(CodeSystem system, TermKind kind, string text) =>
        HasVectors(system)
        && kind is not (TermKind.Drug or TermKind.Neoplasm)
        && !(system == CodeSystem.Icd10Cm && kind == TermKind.Title && IsLaterEncounterVariant(text));

    private static bool IsLaterEncounterVariant(string title) =>
        title.Contains("subsequent encounter", StringComparison.OrdinalIgnoreCase) || title.EndsWith(", sequela", StringComparison.OrdinalIgnoreCase);
}
