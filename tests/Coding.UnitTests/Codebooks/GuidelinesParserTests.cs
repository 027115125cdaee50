using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class GuidelinesParserTests
{
    private static readonly IReadOnlyList<GuidelineSection> Sections = GuidelinesParser.ReadFile(Fixture.Path("guidelines_fy2026_excerpt.txt"));

    [Fact]
    public void sections_are_cited_by_their_outline_path()
    {
        var paths = Sections.Select(s => s.SectionPath).Distinct().ToList();
        Assert.Equal(["I", "I.A", "I.A.1", "I.A.2", "I.B", "I.B.1", "I.C", "I.C.1", "I.C.1.a", "I.C.1.a.1", "I.C.1.a.2", "I.C.1.a.2.a", "I.C.1.a.2.b"], paths);
    }

    [Fact]
    public void the_table_of_contents_and_running_headers_are_not_content()
    {
        Assert.DoesNotContain(Sections, s => s.Text.Contains("....."));
        Assert.DoesNotContain(Sections, s => s.Text.Contains("Page 6 of 121"));
    }

    [Fact]
    public void pages_come_from_the_form_feeds()
    {
        // The excerpt starts on the page before Section I; one more form feed falls inside I.C.1.a.1.
        Assert.Equal(2, Sections.First(s => s.SectionPath == "I").Page);
        Assert.Equal(3, Sections.First(s => s.SectionPath == "I.C.1.a.2").Page);
    }

    [Fact]
    public void a_section_keeps_its_heading_trail_and_joined_paragraphs()
    {
        var hiv = Sections.First(s => s.SectionPath == "I.C.1.a.1");
        Assert.Equal("1) Code only confirmed cases", hiv.Heading);
        Assert.Contains("Chapter 1: Certain Infectious and Parasitic Diseases", hiv.Trail);
        Assert.Contains("Code only confirmed cases of HIV infection/illness. This is an exception", hiv.Text);
    }

    [Fact]
    public void a_heading_run_into_its_label_is_still_a_section()
    {
        var sections = GuidelinesParser.Parse("""
            Section I. Conventions
            A. Chapter 1
            1. COVID-19
            a. COVID-19 infections
            1) Code only confirmed cases
            (a) Acute respiratory manifestations
            (i) Pneumonia
            Codes U07.1 and J12.82.
            (ii) Acute bronchitis
            Code U07.1 and J20.8.
            (iii)Lower respiratory infection
            Codes U07.1 and J22 should be assigned.
            (iv) Acute respiratory distress syndrome
            Codes U07.1 and J80.
            """);

        var lower = Assert.Single(sections, s => s.SectionPath == "I.A.1.a.1.a.iii");
        Assert.Contains("J22", lower.Text);
        Assert.DoesNotContain("J22", sections.Single(s => s.SectionPath == "I.A.1.a.1.a.ii").Text);
    }
}
