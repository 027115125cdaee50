using Coding.Core.Accounts;
using Coding.Core.Codebooks;
using Microsoft.Playwright;

namespace Coding.IntegrationTests.Web;

/// <summary>The review host over the whole ICD-10-CM release (the official files, hashing embedder), not the excerpt.</summary>
public sealed class FullCodebookReviewHost : ReviewHost
{
    protected override string CodebookRoot => CodebookSources.ResolveRoot()
        ?? throw new InvalidOperationException("../shared/codebooks not found beside the repository (or set CODING_CODEBOOKS)");
}

/// <summary>
/// Issue #16 in the browser: the codebook search dialog (n on selected note text) answers a typed code with that code
/// and its children, shorthand with the condition it stands for, and nonsense with "no code found". Screenshots
/// 16-code-lookup and 17-abbreviation-lookup go to artifacts/test/screenshots.
/// </summary>
public sealed class when_a_coder_searches_the_codebook(FullCodebookReviewHost api) : IClassFixture<FullCodebookReviewHost>
{
    private static async Task<IReadOnlyList<string>> SearchAsync(IPage page, string query, string firstCode)
    {
        await page.FillAsync("#code-search", query);
        await page.Locator($"#search-results tr.hit[data-code='{firstCode}']").WaitForAsync();
        await page.WaitForFunctionAsync("code => document.querySelector('#search-results tr.hit')?.dataset.code === code", firstCode);
        return (await page.Locator("#search-results tr.hit").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)")).ToList();
    }

    [Fact]
    public async Task a_code_and_shorthand_find_what_a_coder_means()
    {
        await using var browser = await Browser.StartAsync();
        var page = await browser.NewPageAsync(api.BaseAddress);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("/signin.html");
        await page.FillAsync("#name", "coder");
        await page.FillAsync("#password", api.Passwords[Roles.Coder]);
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync("**/queue");
        // Opening from the queue claims the encounter: only a claimed encounter can be edited (and searched for).
        await page.ClickAsync("tr.row:has-text('API-1')");
        await page.WaitForURLAsync("**/encounter?id=*");
        await page.Locator("#claim:has-text('claimed by you')").WaitForAsync();
        // An encounter posted without account details shows none, not the word "null" once per missing field.
        Assert.DoesNotContain("null", await page.InnerTextAsync("#meta"));

        // Select "Essential hypertension" in the note and open the search for it (n).
        await page.EvaluateAsync(@"() => {
            const note = document.getElementById('note');
            const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const i = n.data.indexOf('Essential hypertension');
                if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 22); getSelection().removeAllRanges(); getSelection().addRange(r); return; }
            }
            throw new Error('text not found');
        }");
        await page.Keyboard.PressAsync("n");
        await page.Locator("#code-search").WaitForAsync();

        // A code prefix typed without its dot, in lower case: the billable codes under I50.2, not words that contain "50".
        var codes = await SearchAsync(page, "i502", "I50.20");
        Assert.Equal(["I50.20", "I50.21", "I50.22", "I50.23"], codes.Take(4));
        await Browser.ScreenshotAsync(page, "16-code-lookup");

        // Shorthand: htn is hypertension, I10 first.
        codes = await SearchAsync(page, "htn", "I10");
        Assert.Equal("I10", codes[0]);
        await Browser.ScreenshotAsync(page, "17-abbreviation-lookup");

        // Nonsense: the honest answer, not the nearest noise.
        await page.FillAsync("#code-search", "xqzvbrt");
        await page.Locator("#search-results td.muted:text-is('No billable code found.')").WaitForAsync();
        Assert.Empty(errors);
    }
}
