using Coding.Core.Suggestions;

namespace Coding.Core.Codebooks;

/// <summary>
/// Which terms get a vector (and so a place in the HNSW graph). Every term is in the full-text index; vectors go to the
/// texts where fuzzy similarity adds something: ICD-10-CM titles, inclusion and index terms, HCPCS and CPT titles.
/// Left to full text: ICD-10-PCS titles (80k combinatorial titles built from a closed vocabulary of operations, body
/// parts, approaches and devices, where word match is what works) and the Drug/Neoplasm table cells (the same row text
/// repeated once per column). Together they are ~40% of all terms, and the HNSW build over them would cost more than
/// the rest of the import on a 2-core machine.
/// </summary>
public static class DenseCoverage
{
    public static bool Covers(CodeSystem system, TermKind kind) =>
        system != CodeSystem.Icd10Pcs && kind is not (TermKind.Drug or TermKind.Neoplasm);
}
