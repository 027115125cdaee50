using Coding.Core.Severity;

namespace Coding.UnitTests.Severity;

public class when_appendix_c_is_read
{
    private const string Excerpt = """
        Appendix C Part 1: List of CC and Major CC Codes
         I10 Dx  Lev PDX Exclusions   ICD-10-CM Description
         A021    MCC 0005:2 codes     Salmonella sepsis
         D89833  CC  No Excl          Cytokine release syndrome, grade 3
         R570    MCC 0005:2 codes     Cardiogenic shock

        PDX collection 0005
          A021    Salmonella sepsis
          A0220   Localized salmonella infection, unspecified

        Appendix C Part 2: Codes that are CC or Major CC only if patient discharged alive

          R570    Cardiogenic shock

        Appendix C Part 3: Secondary Diagnosis CC/MCC Severity Exclusions in Select MS-DRGs
          A000    not read
        """;

    [Fact]
    public void levels_collections_and_the_discharged_alive_list_are_read()
    {
        var c = AppendixCParser.Read(new StringReader(Excerpt));
        Assert.Equal(["A021", "D89833", "R570"], c.Entries.Select(e => e.Code));
        Assert.Equal([CcMccLevel.Mcc, CcMccLevel.Cc, CcMccLevel.Mcc], c.Entries.Select(e => e.Level));
        Assert.Equal([5, null, 5], c.Entries.Select(e => e.PdxCollection));
        Assert.Equal([false, false, true], c.Entries.Select(e => e.DischargedAliveOnly));
        Assert.Equal(["A021", "A0220"], c.Collections[5]);
    }

    [Fact]
    public void a_row_whose_code_count_disagrees_with_its_collection_refuses_the_file()
    {
        var truncated = Excerpt.Replace("  A0220   Localized salmonella infection, unspecified\n", "", StringComparison.Ordinal)
            .Replace("  A0220   Localized salmonella infection, unspecified\r\n", "", StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => AppendixCParser.Read(new StringReader(truncated)));
        Assert.Contains("collection 0005 has 2 codes, the file lists 1", e.Message);
    }

    [Fact]
    public void a_collection_of_one_code_is_read_and_a_row_in_another_layout_refuses_the_file()
    {
        var one = AppendixCParser.Read(new StringReader(" A028    CC  0011:1 code      Other\nPDX collection 0011\n  A028    Other\n"));
        Assert.Equal(11, one.Entries.Single().PdxCollection);
        Assert.Throws<FormatException>(() => AppendixCParser.Read(new StringReader(" A028    CC  0011-1 code      Other\n")));
    }

    [Fact]
    public void the_full_v43_file_has_the_counts_its_sources_note_states()
    {
        var c = AppendixCParser.ReadFile(CmsFiles.AppendixC);
        Assert.Equal(3_354, c.Entries.Count(e => e.Level == CcMccLevel.Mcc));
        Assert.Equal(15_078, c.Entries.Count(e => e.Level == CcMccLevel.Cc));
        Assert.Equal(41, c.Entries.Count(e => e.PdxCollection is null));
        Assert.Equal(1_994, c.Collections.Count);
        Assert.Equal(180_403, c.ExclusionRows);
        Assert.Equal(["I462", "I468", "I469", "I4901", "R092", "R570", "R578", "T794XXA"],
            c.Entries.Where(e => e.DischargedAliveOnly).Select(e => e.Code));
    }

    [Fact]
    public void the_2026_v28_files_have_the_counts_their_sources_note_states()
    {
        var m = HccFilesParser.ReadFolder(CmsFiles.HccFolder);
        Assert.Equal(8_019, m.Mappings.Select(x => x.Code).Distinct().Count());
        Assert.Equal(115, m.Mappings.Select(x => x.Hcc).Distinct().Count());
        Assert.Equal(149, m.Hierarchies.Count);
        Assert.Equal(115, m.Labels.Count);
        Assert.Equal(4.209, m.Labels[17].Factor);
        Assert.Equal([37, 298], m.Mappings.Where(x => x.Code == "E08311").Select(x => x.Hcc).Order());
    }
}
