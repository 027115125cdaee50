using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class HcpcsAndCptParserTests
{
    private static readonly IReadOnlyList<CodeEntry> Hcpcs = HcpcsFileParser.ReadFile(Fixture.Path("HCPC2025_OCT_ANWEB_excerpt.tsv"));

    [Fact]
    public void procedure_codes_are_billable_and_modifiers_are_not()
    {
        Assert.Equal(8, Hcpcs.Count);
        var k0001 = Hcpcs.Single(e => e.Code == "K0001");
        Assert.True(k0001.Billable);
        Assert.Equal("Standard wheelchair", k0001.LongTitle);
        var a1 = Hcpcs.Single(e => e.Code == "A1");
        Assert.True(a1.IsModifier);
        Assert.False(a1.Billable);
    }

    [Fact]
    public void a_terminated_code_keeps_its_termination_date()
    {
        var a4397 = Hcpcs.Single(e => e.Code == "A4397");
        Assert.Equal(new DateOnly(2021, 12, 31), a4397.EffectiveTo);
        Assert.Null(Hcpcs.Single(e => e.Code == "K0001").EffectiveTo);
    }

    [Fact]
    public void the_official_xlsx_reads_the_same_as_its_tsv_export()
    {
        var root = CodebookSources.ResolveRoot();
        var xlsx = root is null ? null : Path.Combine(root, "hcpcs-2025", "HCPC2025_OCT_ANWEB.xlsx");
        if (xlsx is null || !File.Exists(xlsx)) return; // the official files are not in the repository; CI has them beside it
        var fromXlsx = HcpcsFileParser.ReadFile(xlsx);
        var fromTsv = HcpcsFileParser.ReadFile(Path.ChangeExtension(xlsx, ".tsv"));
        Assert.Equal(8846, fromXlsx.Count);
        Assert.Equal(fromTsv, fromXlsx);
    }

    [Fact]
    public void the_demo_cpt_set_has_fifty_codes_with_the_projects_own_descriptions()
    {
        var repo = CodebookSources.FindRepoRoot(AppContext.BaseDirectory)!;
        var cpt = CptFileParser.ReadFile(Path.Combine(repo, "codebooks", "cpt-demo", "cpt_demo_2026.tsv"));
        Assert.Equal(50, cpt.Count);
        Assert.All(cpt, c => Assert.True(c.Billable));
        Assert.Contains(cpt, c => c.Code == "99213");
    }

    [Fact]
    public void a_licensed_cpt_file_may_be_comma_separated_with_quotes_and_dates()
    {
        var csv = "Code,Description,Short_Description,Effective_From\n99213,\"Office visit, established patient, \"\"low\"\"\",Office visit,2026-01-01\n";
        var entry = Assert.Single(CptFileParser.Read(new StringReader(csv)));
        Assert.Equal("Office visit, established patient, \"low\"", entry.LongTitle);
        Assert.Equal(new DateOnly(2026, 1, 1), entry.EffectiveFrom);
    }

    [Fact]
    public void a_cpt_file_without_the_required_columns_is_refused()
    {
        Assert.Throws<FormatException>(() => CptFileParser.Read(new StringReader("cpt\ttext\n99213\tvisit\n")));
    }
}
