using System.Text.Json.Nodes;
using Coding.Core.Accounts;
using Microsoft.Playwright;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Issue #6's browser scenarios in real chromium against the real host: a coder signs in, opens an encounter, sees the
/// evidence highlighted, accepts a code, rejects one with a reason, adds one for selected text, finalizes and exports;
/// a coder is refused the admin pages. Screenshots of each page go to artifacts/test/screenshots.
/// </summary>
public sealed class the_coder_in_a_browser(ReviewHost api) : IClassFixture<ReviewHost>
{
    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#submit");
    }

    private static ILocator Card(IPage page, string code) => page.Locator($".suggestion[data-code='{code}']");

    [Fact]
    public async Task reviews_an_encounter_from_the_queue_to_the_export()
    {
        await using var browser = await Browser.StartAsync();
        var page = await browser.NewPageAsync(api.BaseAddress);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // Sign in: a page asked for without a session leads to the sign-in page and back.
        await page.GotoAsync("/queue");
        await page.WaitForURLAsync("**/signin.html?returnUrl=%2Fqueue");
        await Browser.ScreenshotAsync(page, "01-signin");
        await SignInAsync(page, "coder", api.Passwords[Roles.Coder]);
        await page.WaitForURLAsync("**/queue");
        await page.Locator("tr.row").First.WaitForAsync();
        Assert.Equal("coder", await page.TextContentAsync("#user-name"));
        Assert.Equal("coder", await page.TextContentAsync("#user-role"));
        Assert.Equal(3, await page.Locator("tr.row").CountAsync());
        await Browser.ScreenshotAsync(page, "02-queue");

        // Open WEB-1: the click claims it; the note shows with its evidence highlighted, hostile markup as plain text.
        await page.ClickAsync("tr.row:has-text('WEB-1')");
        await page.WaitForURLAsync("**/encounter?id=*");
        await page.Locator("#note mark").First.WaitForAsync();
        await page.Locator("#claim:has-text('claimed by you')").WaitForAsync();
        var noteText = await page.TextContentAsync("#note");
        Assert.Equal(ReviewHost.BrowserNote, noteText);
        Assert.Equal(0, await page.Locator("#note script, #note img").CountAsync());
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.__pwned ?? null"));
        var marks = await page.Locator("#note mark").AllTextContentsAsync();
        Assert.Contains("Fever", marks);
        Assert.Contains("Essential hypertension", marks);
        Assert.Equal(0, await Card(page, "N40.0").CountAsync());
        await Browser.ScreenshotAsync(page, "03-encounter");

        // Clicking a suggestion highlights its spans; clicking highlighted evidence selects its suggestion.
        await Card(page, "I10").ClickAsync();
        Assert.All(await page.Locator("#note mark.active").AllTextContentsAsync(), t => Assert.Equal("Essential hypertension", t));
        Assert.Equal(2, await page.Locator("#note mark.active").CountAsync());
        await page.Locator("#note mark:text-is('Fever')").Last.ClickAsync();
        await page.Locator(".suggestion.selected[data-code='R50.9']").WaitForAsync();

        // Keyboard: R50.9 is selected, r opens the reasons, 2 picks "negated". Then I10 accepted with a.
        await page.Keyboard.PressAsync("r");
        await page.Locator("#reasons").WaitForAsync();
        await Browser.ScreenshotAsync(page, "04-reject-reason");
        await page.Keyboard.PressAsync("2");
        await Card(page, "R50.9").Locator(".status.Rejected").WaitForAsync();
        await Card(page, "I10").ClickAsync();
        await page.Keyboard.PressAsync("a");
        await Card(page, "I10").Locator(".status.Accepted").WaitForAsync();

        // p makes the selected diagnosis principal (inpatient): badged and listed first. Its POA is chosen in its card.
        await page.Keyboard.PressAsync("p");
        await Card(page, "I10").Locator(".badge.lead:text-is('Principal')").WaitForAsync();
        Assert.Equal("I10", await page.Locator(".suggestion").First.GetAttributeAsync("data-code"));
        Assert.Equal(1, await page.Locator(".badge.lead").CountAsync());
        // Saving the POA re-reads the suggestions and re-renders the page: wait for that read, or the re-render can land
        // after the note selection and the search dialog below and take them away (seen once on a clean clone).
        await page.RunAndWaitForResponseAsync(() => Card(page, "I10").Locator("select.poa").SelectOptionAsync("Y"),
            r => r.Request.Method == "GET" && r.Url.EndsWith("/suggestions", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => document.querySelector(\".suggestion[data-code='I10'] select.poa\")?.value === 'Y'");

        // Add: select "Enlarged prostate" in the note, n opens the codebook search with it, pick N40.0.
        await page.EvaluateAsync(@"() => {
            const note = document.getElementById('note');
            const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const i = n.data.indexOf('Enlarged prostate');
                if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 17); getSelection().removeAllRanges(); getSelection().addRange(r); return; }
            }
            throw new Error('text not found');
        }");
        await page.Keyboard.PressAsync("n");
        await page.FillAsync("#code-search", "benign prostatic hyperplasia");
        await page.Locator("#search-results tr.hit[data-code='N40.0']").WaitForAsync();
        await Browser.ScreenshotAsync(page, "05-add-code");
        await page.ClickAsync("#search-results tr.hit[data-code='N40.0']");
        await Card(page, "N40.0").Locator(".status.Added").WaitForAsync();
        Assert.Equal(["Enlarged prostate"], await page.Locator("#note mark.added").AllTextContentsAsync());

        // Decide the rest (rejecting as not documented), then finalize with f.
        while (await page.Locator(".suggestion:has(.status.Suggested)").CountAsync() > 0)
        {
            var next = page.Locator(".suggestion:has(.status.Suggested)").First;
            var code = await next.GetAttributeAsync("data-code");
            await next.ClickAsync();
            await page.Keyboard.PressAsync("r");
            await page.Keyboard.PressAsync("1");
            await Card(page, code!).Locator(".status.Rejected").WaitForAsync();
        }
        await page.Keyboard.PressAsync("?");
        await page.Locator("#help-overlay").WaitForAsync();
        await Browser.ScreenshotAsync(page, "06-keyboard-help");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("f");
        await page.Locator("#export-fhir").WaitForAsync();
        Assert.Equal("finalized", await page.TextContentAsync("#status"));
        await Browser.ScreenshotAsync(page, "07-finalized");

        var export = JsonNode.Parse(await (await page.Context.APIRequest.GetAsync((await page.GetAttributeAsync("#export-json", "href"))!)).TextAsync())!;
        Assert.Equal(["I10", "N40.0"], export["codes"]!.AsArray().Select(c => (string)c!["code"]!).Order());
        var fhir = JsonNode.Parse(await (await page.Context.APIRequest.GetAsync((await page.GetAttributeAsync("#export-fhir", "href"))!)).TextAsync())!;
        Assert.Equal("Claim", (string)fhir["resourceType"]!);
        Assert.Equal("I10", (string)fhir["diagnosis"]![0]!["diagnosisCodeableConcept"]!["coding"]![0]!["code"]!);
        Assert.Equal("y", (string)fhir["diagnosis"]![0]!["onAdmission"]!["coding"]![0]!["code"]!);

        // The finalized encounter has left the queue.
        await page.GotoAsync("/queue");
        await page.Locator("tr.row").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("tr.row:has-text('WEB-1')").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task a_coder_is_refused_the_admin_pages_that_an_admin_sees()
    {
        await using var browser = await Browser.StartAsync();
        var coder = await browser.NewPageAsync(api.BaseAddress);
        await coder.GotoAsync("/signin.html");
        await SignInAsync(coder, "coder", api.Passwords[Roles.Coder]);
        await coder.WaitForURLAsync("**/queue");
        Assert.Equal(0, await coder.Locator("header#nav a[href='/admin']").CountAsync());
        var response = await coder.GotoAsync("/admin");
        Assert.Equal(403, response!.Status);
        Assert.Contains("Not allowed", await coder.TextContentAsync("h1"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(coder, "08-coder-refused-admin");
        Assert.Equal(403, (await coder.Context.APIRequest.GetAsync("/api/admin/users")).Status);

        var admin = await browser.NewPageAsync(api.BaseAddress);
        await admin.GotoAsync("/signin.html");
        await SignInAsync(admin, "admin", api.Passwords[Roles.Admin]);
        await admin.WaitForURLAsync("**/admin");
        await admin.Locator("#users tbody tr").First.WaitForAsync();
        Assert.Contains("coder2", await admin.TextContentAsync("#users"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(admin, "09-admin");
    }

    [Theory]
    [InlineData("//evil.example/queue")]
    [InlineData("/\\evil.example/queue")]
    [InlineData("/%09/evil.example/queue")]
    [InlineData("https://evil.example/queue")]
    [InlineData("javascript:alert(1)")]
    public async Task the_sign_in_page_follows_only_a_return_address_on_this_site(string returnUrl)
    {
        // The page's own rule (signin.js localOnly), beside the server's: after signing in, anything not a local path goes home.
        await using var browser = await Browser.StartAsync();
        var page = await browser.NewPageAsync(api.BaseAddress);
        await page.GotoAsync("/signin.html?returnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)));
        await SignInAsync(page, "coder", api.Passwords[Roles.Coder]);

        await page.WaitForURLAsync("**/queue");
        Assert.Equal(api.BaseAddress.GetLeftPart(UriPartial.Authority), new Uri(page.Url).GetLeftPart(UriPartial.Authority));
        Assert.Equal("/queue", new Uri(page.Url).AbsolutePath);
    }
}
