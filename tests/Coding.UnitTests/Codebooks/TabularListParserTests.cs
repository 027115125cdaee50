using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class TabularListParserTests
{
    private static readonly TabularList Tabular = TabularListParser.Load(Fixture.Path("icd10cm_tabular_2023_excerpt.xml"));

    [Fact]
    public void reads_the_year_chapters_and_sections()
    {
        Assert.Equal(2023, Tabular.Year);
        Assert.Equal(["1", "4"], Tabular.Chapters.Select(c => c.Number));
        Assert.Equal("Certain infectious and parasitic diseases", Tabular.Chapters[0].Title);
        var section = Tabular.Chapters[1].Sections.Single();
        Assert.Equal(("E08-E13", "E08", "E13", "Diabetes mellitus"), (section.Id, section.First, section.Last, section.Title));
    }

    [Fact]
    public void codes_are_normalized_and_know_their_parent_and_section()
    {
        var e119 = Tabular.Diags.Single(d => d.Code == "E119");
        Assert.Equal("Type 2 diabetes mellitus without complications", e119.Title);
        Assert.Equal("E11", e119.Parent);
        Assert.Equal(("4", "E08-E13"), (e119.Chapter, e119.SectionId));
    }

    [Fact]
    public void instructional_notes_keep_their_kind()
    {
        var e11 = Tabular.Diags.Single(d => d.Code == "E11");
        Assert.Contains(e11.Notes, n => n is { Kind: TabularNoteKind.Excludes1, Text: "type 1 diabetes mellitus (E10.-)" });
        Assert.Contains(e11.Notes, n => n.Kind == TabularNoteKind.UseAdditionalCode && n.Text.Contains("Z79.4"));
        Assert.Contains(Tabular.Diags.Single(d => d.Code == "A000").Notes, n => n is { Kind: TabularNoteKind.InclusionTerm, Text: "Classical cholera" });
    }

    [Fact]
    public void seventh_character_definitions_stay_on_the_code_that_declares_them()
    {
        var e1132 = Tabular.Diags.Single(d => d.Code == "E1132");
        Assert.Contains(e1132.Notes, n => n is { Kind: TabularNoteKind.SevenChrDef, Text: "1: right eye" });
    }

    [Fact]
    public void a_category_chunk_gathers_the_notes_of_its_codes_that_still_exist()
    {
        var chunks = TabularChunker.Build(Tabular, code => code != "E1132").ToList();
        var e11 = chunks.Where(c => c.Category == "E11").ToList();
        Assert.NotEmpty(e11);
        var text = string.Join('\n', e11.Select(c => c.Text));
        Assert.StartsWith("E11 Type 2 diabetes mellitus", text);
        Assert.Contains("E11 Excludes1: ", text);
        Assert.DoesNotContain("E11.32 ", text);
        Assert.Contains("Chapter 4: Endocrine, nutritional and metabolic diseases > E08-E13", e11[0].Trail);
    }
}
