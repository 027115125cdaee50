using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Codebooks;

/// <summary>
/// The encoder search as a coder uses it (issue #16): a typed code is that code, shorthand means the condition, junk is
/// "no code found" and never a server error. The full measurement is `bench codebooks` over codebooks/eval/.
/// </summary>
[Collection(CodebookCollection.Name)]
public class when_a_coder_types_into_the_code_search(CodebookDatabase fixture)
{
    private async Task<IReadOnlyList<SearchHit>> Search(string text, CodeSystem? system = null)
    {
        await using var scope = fixture.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodebookSearch>().SearchAsync(new SearchQuery(text, system, Top: 5, BillableOnly: true), default);
    }

    [Theory]
    [InlineData("I50.23", "I5023")]
    [InlineData("i5023", "I5023")]
    [InlineData("S93.401A", "S93401A")]
    [InlineData("s93401a", "S93401A")]
    [InlineData("0DTJ4ZZ", "0DTJ4ZZ")]
    [InlineData("K0001", "K0001")]
    public async Task a_full_code_with_or_without_dot_in_any_case_comes_first(string typed, string code) =>
        Assert.Equal(code, (await Search(typed))[0].Code);

    [Fact]
    public async Task a_category_returns_its_own_codes_before_anything_else()
    {
        var hits = await Search("E11");
        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.StartsWith("E11", h.Code, StringComparison.Ordinal));
        Assert.Equal(4, hits[0].Code.Length); // shortest first: E11.8, E11.9 before E11.00 …
        Assert.All(await Search("n18.3"), h => Assert.StartsWith("N183", h.Code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("htn", "I10")]
    [InlineData("dm2", "E11")]
    [InlineData("t1dm", "E10")]
    [InlineData("ckd 3b", "N1832")]
    [InlineData("hfref", "I502")]
    [InlineData("osa", "G4733")]
    [InlineData("bph", "N40")]
    [InlineData("gerd", "K21")]
    public async Task shorthand_finds_the_condition_it_stands_for(string typed, string expected) =>
        Assert.Contains(await Search(typed, CodeSystem.Icd10Cm), h => h.Code.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public async Task shorthand_that_looks_like_a_code_prefix_still_means_the_condition() =>
        // "dm2" is also the start of PCS codes DM20DZZ …: a coder typing it means type 2 diabetes.
        Assert.StartsWith("E11", (await Search("dm2"))[0].Code, StringComparison.Ordinal);

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("(((")]
    [InlineData("🙂")]
    [InlineData("' or 1=1 --")]
    [InlineData("xqzvbrt")]
    [InlineData("asdfgh jkl qwpoe")]
    [InlineData("&|!:*")]
    public async Task input_with_nothing_to_match_finds_no_code_and_never_fails(string typed) =>
        Assert.Empty(await Search(typed));
}
