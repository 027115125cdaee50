using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Codebooks;

[Collection(CodebookCollection.Name)]
public class RetrievalTests(CodebookDatabase fixture)
{
    private async Task<T> With<T>(Func<CodebookSearch, Task<T>> use)
    {
        await using var scope = fixture.Scope();
        return await use(scope.ServiceProvider.GetRequiredService<CodebookSearch>());
    }

    [Theory]
    [InlineData("E11.9")]
    [InlineData("e119")]
    [InlineData(" E11.9 ")]
    public async Task exact_lookup_finds_a_code_with_or_without_dot_in_any_case(string input)
    {
        var found = await With(s => s.LookupAsync(input, CodeSystem.Icd10Cm, null, default));
        var e119 = Assert.Single(found);
        Assert.Equal(("E11.9", "Type 2 diabetes mellitus without complications", true), (e119.Display, e119.Title, e119.Billable));
        Assert.Equal(("4", "E08-E13", "E11", "E11"), (e119.Chapter, e119.Block, e119.Category, e119.Parent));
        Assert.Equal("2026", e119.Release.Version);
    }

    [Theory]
    [InlineData(CodeSystem.Icd10Cm, "I10", "Essential (primary) hypertension", true)]
    [InlineData(CodeSystem.Icd10Cm, "E11", "Type 2 diabetes mellitus", false)]
    [InlineData(CodeSystem.Icd10Cm, "S62.101A", "Fracture of unspecified carpal bone, right wrist, initial encounter for closed fracture", true)]
    [InlineData(CodeSystem.Icd10Pcs, "0DTJ4ZZ", "Resection of Appendix, Percutaneous Endoscopic Approach", true)]
    [InlineData(CodeSystem.Icd10Pcs, "0DT", "Gastrointestinal System, Resection", false)]
    [InlineData(CodeSystem.Hcpcs, "K0001", "Standard wheelchair", true)]
    [InlineData(CodeSystem.Hcpcs, "A1", "Dressing for one wound", false)]
    public async Task known_codes_resolve_with_their_official_title_and_billable_flag(CodeSystem system, string code, string title, bool billable)
    {
        var found = Assert.Single(await With(s => s.LookupAsync(code, system, null, default)));
        Assert.Equal((title, billable), (found.Title, found.Billable));
    }

    [Fact]
    public async Task a_code_added_in_fy2026_is_valid_for_a_fy2026_date_and_rejected_for_a_fy2025_date()
    {
        // B88.01 (Infestation by Demodex mites) is an FY2026 addition in icd10cm_order_addenda_2026.txt.
        var fy2026 = await With(s => s.CheckAsync(CodeSystem.Icd10Cm, "B88.01", new DateOnly(2025, 10, 1), default));
        var fy2025 = await With(s => s.CheckAsync(CodeSystem.Icd10Cm, "B88.01", new DateOnly(2025, 9, 30), default));
        Assert.Equal(CodeValidity.ValidBillable, fy2026.Status);
        Assert.True(fy2026.IsValidAndBillable);
        Assert.Equal(CodeValidity.NotInCodebook, fy2025.Status);
        Assert.Equal("2025", fy2025.Release!.Version);
    }

    [Fact]
    public async Task a_code_that_became_a_header_is_billable_only_before_the_change()
    {
        // B88.0 was a billable code in FY2025 and is a header over B88.01/B88.09 in FY2026.
        Assert.Equal(CodeValidity.ValidBillable, (await With(s => s.CheckAsync(CodeSystem.Icd10Cm, "B880", new DateOnly(2025, 3, 1), default))).Status);
        Assert.Equal(CodeValidity.NotBillable, (await With(s => s.CheckAsync(CodeSystem.Icd10Cm, "B880", new DateOnly(2026, 3, 1), default))).Status);
    }

    [Fact]
    public async Task a_date_with_no_loaded_release_gets_a_clear_answer_not_an_exception()
    {
        var result = await With(s => s.CheckAsync(CodeSystem.Icd10Cm, "E11.9", new DateOnly(2019, 5, 1), default));
        Assert.Equal(CodeValidity.NoCodebookInForce, result.Status);
        Assert.Null(result.Release);
        Assert.Contains("no codebook in force", result.Message);
        var inForce = await With(s => s.ReleaseInForceAsync(CodeSystem.Hcpcs, new DateOnly(2026, 2, 1), default));
        Assert.Null(inForce.Release);
        Assert.Equal("2026", (await With(s => s.ReleaseInForceAsync(CodeSystem.Icd10Cm, new DateOnly(2026, 2, 1), default))).Release!.Version);
    }

    [Fact]
    public async Task hcpcs_codes_follow_their_own_termination_dates()
    {
        Assert.Equal(CodeValidity.NotEffective, (await With(s => s.CheckAsync(CodeSystem.Hcpcs, "A4397", new DateOnly(2025, 6, 1), default))).Status);
        Assert.Equal(CodeValidity.ValidBillable, (await With(s => s.CheckAsync(CodeSystem.Hcpcs, "K0001", new DateOnly(2025, 6, 1), default))).Status);
        Assert.Equal(CodeValidity.NotBillable, (await With(s => s.CheckAsync(CodeSystem.Hcpcs, "A1", new DateOnly(2025, 6, 1), default))).Status);
    }

    [Fact]
    public async Task every_query_of_the_project_query_set_not_marked_as_a_known_miss_finds_its_code_in_the_top_5()
    {
        var queries = SearchQuerySet.Load(SearchQuerySet.DefaultPath()!).Where(q => !q.KnownMiss).ToList();
        Assert.True(queries.Count >= 30);
        var misses = new List<string>();
        foreach (var q in queries)
        {
            var hits = await With(s => s.SearchAsync(new SearchQuery(q.Query, q.System, Top: 5), default));
            if (!hits.Any(h => q.Matches(h.Code)))
                misses.Add($"{q.Query}: expected {q.Code}, got {string.Join(", ", hits.Select(h => h.Code))}");
        }
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public async Task search_by_date_only_returns_codes_of_the_release_in_force()
    {
        var fy2025 = await With(s => s.SearchAsync(new SearchQuery("demodex mites infestation", CodeSystem.Icd10Cm, new DateOnly(2025, 3, 1), Top: 10), default));
        var fy2026 = await With(s => s.SearchAsync(new SearchQuery("demodex mites infestation", CodeSystem.Icd10Cm, new DateOnly(2026, 3, 1), Top: 10), default));
        Assert.DoesNotContain(fy2025, h => h.Code == "B8801");
        Assert.Contains(fy2026.Take(3), h => h.Code == "B8801");
        Assert.All(fy2025, h => Assert.Equal("2025", h.Version));
    }

    [Fact]
    public async Task guideline_search_finds_the_section_that_answers_the_question()
    {
        var hits = await With(s => s.SearchGuidelinesAsync("patient admitted for HIV related condition sequencing", null, 5, default));
        Assert.Contains(hits, h => h.Source == GuidelineSource.OfficialGuidelines && h.SectionPath.StartsWith("I.C.1.a.2", StringComparison.Ordinal));
        var excludes = await With(s => s.SearchGuidelinesAsync("type 2 diabetes excludes1 type 1 diabetes mellitus", null, 5, default));
        Assert.Contains(excludes, h => h.Source == GuidelineSource.TabularNotes && h.Code == "E11");
    }

    [Fact]
    public async Task tabular_notes_of_a_code_include_those_of_its_category()
    {
        var notes = await With(async s => await s.NotesAsync("E11.9", default));
        Assert.Contains(notes, n => n.Code == "E11" && n.Kind == Coding.Core.Codebooks.Parsing.TabularNoteKind.Excludes1 && n.Text.StartsWith("type 1 diabetes mellitus"));
    }
}
