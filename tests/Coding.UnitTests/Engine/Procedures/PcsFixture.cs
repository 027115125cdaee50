using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Engine.Procedures;

namespace Coding.UnitTests.Engine.Procedures;

/// <summary>The real PCS Index and Tables (FY2025 XML) over the FY2026 order file's codes, read once from ../shared/codebooks.</summary>
internal static class PcsFixture
{
    private static readonly Lazy<ProcedureLexicon> Shared = new(() =>
    {
        var root = CodebookSources.ResolveRoot() ?? throw new DirectoryNotFoundException("these tests need ../shared/codebooks");
        return ProcedureLexicon.Build(
            PcsIndex.Load(Path.Combine(root, "icd10pcs-2025", "icd10pcs_index_2025.xml")),
            PcsTables.Load(Path.Combine(root, "icd10pcs-2025", "icd10pcs_tables_2025.xml")),
            OrderFileParser.ReadFile(Path.Combine(root, "icd10pcs-2026", "icd10pcs_order_2026.txt")).Where(c => c.Billable).Select(c => c.Code),
            "2026");
    });

    public static ProcedureLexicon Lexicon => Shared.Value;

    /// <summary>No train counts: every candidate at the base rate (0.1), all of them above this cut.</summary>
    public static ProcedurePriors Priors => ProcedurePriors.Empty with { Threshold = 0.05 };
}
