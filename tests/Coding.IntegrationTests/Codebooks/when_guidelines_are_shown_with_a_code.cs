using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Codebooks;

/// <summary>
/// The guideline excerpts beside a code (review UI, `codebook lookup`) come from the sections that govern it and its
/// category's Tabular notes (issue #16). The full measurement is `bench codebooks` over codebooks/eval/guideline-sections.tsv.
/// </summary>
[Collection(CodebookCollection.Name)]
public class when_guidelines_are_shown_with_a_code(CodebookDatabase fixture)
{
    private async Task<IReadOnlyList<GuidelineHit>> For(string code)
    {
        await using var scope = fixture.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodebookSearch>().GuidelinesForCodeAsync(CodeSystem.Icd10Cm, code, null, 5, default);
    }

    private static IEnumerable<string> Sections(IReadOnlyList<GuidelineHit> hits) =>
        hits.Where(h => h.Source == GuidelineSource.OfficialGuidelines).Select(h => h.SectionPath);

    [Theory]
    [InlineData("J44.9", "I.C.10.a")] // COPD: not the hypertensive-CKD section its title's words once found
    [InlineData("E11.22", "I.C.4.a")]
    [InlineData("N18.32", "I.C.14.a")]
    [InlineData("O24.410", "I.C.15.i")]
    [InlineData("T40.2X1A", "I.C.19.e")] // a poisoning: not the "Encounter for…" lists of I.C.21.c
    public async Task the_first_section_is_the_one_that_governs_the_code(string code, string section) =>
        Assert.StartsWith(section, Sections(await For(code)).First(), StringComparison.Ordinal);

    [Fact]
    public async Task a_section_that_names_the_code_is_shown_even_from_another_chapter() =>
        // R65.20 (chapter 18) is governed by the sepsis section of chapter 1, which names it.
        Assert.Contains(Sections(await For("R65.20")).Take(3), s => s.StartsWith("I.C.1.d", StringComparison.Ordinal));

    [Fact]
    public async Task the_tabular_notes_shown_are_those_of_the_codes_own_category()
    {
        var hits = await For("E11.22");
        var tabular = hits.Where(h => h.Source == GuidelineSource.TabularNotes).ToList();
        Assert.NotEmpty(tabular);
        Assert.All(tabular, t => Assert.Equal("E11", t.Code));
    }

    [Fact]
    public async Task a_reserved_chapter_heading_is_never_shown()
    {
        // Chapter 11 has no guidelines ("Reserved for future guideline expansion"): K21.9 gets sections that say something.
        Assert.DoesNotContain("I.C.11", Sections(await For("K21.9")));
    }
}
