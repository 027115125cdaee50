using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class OrderFileParserTests
{
    private static readonly IReadOnlyList<CodeEntry> Cm = OrderFileParser.ReadFile(Fixture.Path("icd10cm_order_2026_excerpt.txt"));

    [Fact]
    public void reads_every_line_of_the_fixed_width_layout()
    {
        Assert.Equal(20, Cm.Count);
        Assert.Equal("A00", Cm[0].Code);
        Assert.False(Cm[0].Billable);
        Assert.Equal("Cholera", Cm[0].LongTitle);
    }

    [Fact]
    public void a_billable_code_keeps_its_short_and_long_titles()
    {
        var e119 = Cm.Single(e => e.Code == "E119");
        Assert.True(e119.Billable);
        Assert.Equal("Type 2 diabetes mellitus without complications", e119.LongTitle);
        Assert.Equal("Type 2 diabetes mellitus without complications", e119.ShortTitle);
    }

    [Fact]
    public void the_short_title_is_the_abbreviated_one_when_they_differ()
    {
        var s62 = Cm.Single(e => e.Code == "S62101A");
        Assert.True(s62.Billable);
        Assert.True(s62.ShortTitle.Length <= 60);
        Assert.StartsWith("Fracture of unspecified carpal bone, right wrist", s62.LongTitle);
    }

    [Fact]
    public void pcs_order_lines_use_the_same_layout()
    {
        var pcs = OrderFileParser.Read(new StringReader(string.Join('\n', File.ReadLines(Fixture.Path("icd10pcs_order_2026_excerpt.txt")).Take(5)))).ToList();
        Assert.Equal("001", pcs[0].Code);
        Assert.False(pcs[0].Billable);
        var appendix = pcs.Single(e => e.Code == "0DTJ4ZZ");
        Assert.True(appendix.Billable);
        Assert.Equal("Resection of Appendix, Percutaneous Endoscopic Approach", appendix.LongTitle);
    }

    [Fact]
    public void a_line_outside_the_layout_is_refused_with_its_line_number()
    {
        var e = Assert.Throws<FormatException>(() => OrderFileParser.Read(new StringReader("not an order file line at all")).ToList());
        Assert.Contains("line 1", e.Message);
    }
}
