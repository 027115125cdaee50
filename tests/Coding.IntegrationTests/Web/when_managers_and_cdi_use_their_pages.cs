using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// The dashboard and CDI pages in real (headless) Chromium against the real host: what each role sees, numbers that
/// move, a background evaluation run watched to the end, and refusals. Screenshots in artifacts/test/screenshots/.
/// </summary>
public sealed class when_managers_and_cdi_use_their_pages(ReportsHost api) : IClassFixture<ReportsHost>
{
    private static readonly PageWaitForFunctionOptions Patience = new() { Timeout = 60_000 };

    /// <summary>A page of its own (fresh profile) signed in through the real sign-in form.</summary>
    private async Task<IPage> SignedInAsync(Browser browser, string name)
    {
        var page = await browser.NewPageAsync(api.BaseAddress);
        await page.GotoAsync("/signin.html");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", api.Passwords[name]);
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync(url => !url.Contains("/signin.html", StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task a_manager_sees_the_dashboard_numbers_move_when_a_coder_decides()
    {
        await using var browser = await Browser.StartAsync();
        var page = await SignedInAsync(browser, "manager");
        await page.GotoAsync("/dashboard");
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.loaded) >= 1", null, Patience);
        Assert.Equal("3", await page.TextContentAsync("#kpi-ingested"));
        Assert.Equal("3", await page.TextContentAsync("#kpi-review"));
        Assert.Equal(4, await page.Locator("#chart-throughput svg path[data-series]").CountAsync()); // ingested, coded, finalized, failed
        var decisionsBefore = await page.TextContentAsync("#kpi-decisions");
        await ScreenshotAsync(page, "dashboard-before");

        using var coder = await api.SignedInAsync("coder");
        var id = api.Encounters["WEB-1"];
        (await coder.PostAsync($"/api/encounters/{id}/claim", null)).EnsureSuccessStatusCode();
        var suggestions = JsonNode.Parse(await coder.GetStringAsync($"/api/encounters/{id}"))!["suggestions"]!.AsArray();
        foreach (var s in suggestions.Where(s => (string)s!["status"]! == "Suggested"))
            (await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", (string)s!["code"]! == "R50.9"
                ? new { suggestionId = (Guid)s["id"]!, action = "reject", reason = "not-documented" } as object
                : new { suggestionId = (Guid)s["id"]!, action = "accept" })).EnsureSuccessStatusCode();
        (await coder.PostAsync($"/api/encounters/{id}/finalize", null)).EnsureSuccessStatusCode();

        // The page polls; no reload.
        await page.WaitForFunctionAsync("() => document.getElementById('kpi-review').textContent === '2'", null, Patience);
        Assert.NotEqual(decisionsBefore, await page.TextContentAsync("#kpi-decisions"));
        Assert.Equal("3 / 1", await page.TextContentAsync("#kpi-coded"));
        Assert.True(await page.Locator("#chart-family svg rect[fill='#dc2626']").CountAsync() >= 1, "a rejected share is drawn");
        Assert.True(await page.Locator("#chart-coder svg text", new PageLocatorOptions { HasText = "coder" }).CountAsync() >= 1);
        // Productivity: the coder's one chart, in one active hour, timed from the (audited) claim to finalize.
        await page.WaitForFunctionAsync("() => document.querySelector('#productivity tbody td')?.textContent === 'coder'", null, Patience);
        var cells = await page.Locator("#productivity tbody tr").First.Locator("td").AllTextContentsAsync();
        Assert.Equal(["coder", "1", "1", "1.0"], cells.Take(4));
        Assert.Matches(@"^\d+\.\d$", cells[4]);
        Assert.Equal("no discharged encounter awaits coding", await page.TextContentAsync("#dnfb tbody td"));
        await ScreenshotAsync(page, "dashboard-after-review");
    }

    [Fact]
    public async Task a_cdi_user_starts_two_runs_watches_them_finish_and_compares_them()
    {
        await using var browser = await Browser.StartAsync();
        var page = await SignedInAsync(browser, "cdi");
        Assert.EndsWith("/cdi", page.Url, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => document.body.dataset.loaded === 'true'", null, Patience);

        for (var i = 0; i < 2; i++)
        {
            await page.SelectOptionAsync("#gold-set", "cdi-smoke");
            await page.ClickAsync("#start");
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('#runs tbody tr[data-run]').length >= {i + 1}", null, Patience);
        }
        await ScreenshotAsync(page, "cdi-runs-started");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#runs tbody tr[data-status=\"succeeded\"]').length >= 2", null, Patience);
        await ScreenshotAsync(page, "cdi-runs-finished");

        await page.ClickAsync("#compare");
        await page.WaitForFunctionAsync("() => document.body.dataset.compared === 'true'", null, Patience);
        Assert.Equal("0", await page.TextContentAsync("#cmp-gained"));
        Assert.Equal(1, await page.Locator("#chart-calibration svg line.chart-diagonal").CountAsync());
        Assert.True(await page.Locator("#chart-calibration svg circle").CountAsync() >= 2, "calibration points drawn for both runs");
        Assert.True(await page.Locator("#chart-chapters svg rect").CountAsync() >= 2);
        await ScreenshotAsync(page, "cdi-compare");
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/cdi")]
    [InlineData("/admin")]
    public async Task a_coder_is_refused_the_manager_cdi_and_admin_pages(string path)
    {
        await using var browser = await Browser.StartAsync();
        var page = await SignedInAsync(browser, "coder");
        var response = await page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        Assert.Equal("Not allowed", await page.TextContentAsync("h1"));
        if (path == "/dashboard")
            await ScreenshotAsync(page, "coder-refused-dashboard");
    }

    // Full page: the CDI page is taller than the viewport and the comparison is at its foot.
    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, name + ".png"), FullPage = true });
}
