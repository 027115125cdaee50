using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coding.Core.Accounts;
using Microsoft.Playwright;
using static Coding.IntegrationTests.Web.ReviewJson;
using static Coding.UnitTests.Fhir.FhirBundles;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Issue #20's coder journeys in chromium, in a New York browser: an encounter sent as a FHIR Bundle shows its account
/// in the queue and the encounter header (times in local time, length of stay counted in it); j/k and the code search's
/// arrows show which row is selected; a bogus or unknown id gets an error page; the exports download as files.
/// </summary>
public sealed class the_coder_works_an_account_in_a_browser(ReviewHost api) : IClassFixture<ReviewHost>
{
    private static async Task SignInAsync(IPage page, string password)
    {
        await page.FillAsync("#name", "coder");
        await page.FillAsync("#password", password);
        await page.ClickAsync("#submit");
    }

    private static Task<string> BackgroundAsync(ILocator row) => row.EvaluateAsync<string>("r => getComputedStyle(r).backgroundColor");

    [Fact]
    public async Task sees_the_account_selects_rows_by_keyboard_meets_an_error_page_for_a_bad_id_and_downloads_the_claim()
    {
        using (var ingest = await api.SignedInAsync("ingest"))
        {
            var created = await ingest.PostAsync("/fhir/Bundle", new StringContent(Valid().ToJsonString(), Encoding.UTF8, "application/fhir+json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            api.Encounters["FHIR-ENC-1"] = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        }
        var id = api.Encounters["FHIR-ENC-1"];
        await api.CodeAsync("FHIR-ENC-1", id, new DateOnly(2026, 3, 4));

        await using var browser = await Browser.StartAsync();
        var page = await browser.NewPageAsync(api.BaseAddress, "America/New_York");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("/queue");
        await SignInAsync(page, api.Passwords[Roles.Coder]);
        await page.Locator("tr.row").First.WaitForAsync();

        // The queue: MRN, stay (length in local days) and payer beside each encounter.
        var row = page.Locator("tr.row:has-text('FHIR-ENC-1')");
        Assert.Equal("MRN-0042", await row.Locator("td.mrn").TextContentAsync());
        Assert.Equal("3 d", await row.Locator("td.stay").TextContentAsync());
        Assert.Equal("Acme Health Plan", await row.Locator("td.payer").TextContentAsync());
        Assert.Equal("Mar 1, 2026, 10:15 PM → Mar 4, 2026, 11:00 AM", await row.Locator("td.stay").GetAttributeAsync("title"));

        // j/k: the selected row is drawn differently from the others.
        var unselected = await BackgroundAsync(page.Locator("tr.row").Nth(1));
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        var first = page.Locator("tr.row").First;
        Assert.Contains("selected", await first.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.NotEqual(unselected, await BackgroundAsync(first));
        await Browser.ScreenshotAsync(page, "12-queue-account-and-selection");

        // The encounter header: the whole account, the stay in local time.
        await row.ClickAsync();
        await page.WaitForURLAsync("**/encounter?id=*");
        await page.Locator("#claim:has-text('claimed by you')").WaitForAsync();
        string Field(string name) => $"#meta [data-field='{name}'] b";
        Assert.Equal("MRN-0042", await page.TextContentAsync(Field("mrn")));
        Assert.Equal("ACCT-77", await page.TextContentAsync(Field("account")));
        Assert.Equal("Acme Health Plan", await page.TextContentAsync(Field("payer")));
        Assert.Equal("Mar 1, 2026, 10:15 PM → Mar 4, 2026, 11:00 AM", await page.TextContentAsync(Field("stay")));
        Assert.Equal("3 days", await page.TextContentAsync(Field("los")));
        Assert.Equal("Dr. Ada Osler", await page.TextContentAsync(Field("attending")));
        Assert.Equal("skilled nursing", await page.TextContentAsync(Field("disposition")));
        await Browser.ScreenshotAsync(page, "13-encounter-account-header");

        // The code search: arrow keys move a visible selection.
        await page.Locator(".suggestion").First.ClickAsync();
        await page.Keyboard.PressAsync("m");
        await page.FillAsync("#code-search", "hypertension");
        await page.Locator("#search-results tr.hit").Nth(1).WaitForAsync();
        var plain = await BackgroundAsync(page.Locator("#search-results tr.hit").Nth(1));
        await page.Keyboard.PressAsync("ArrowDown");
        var second = page.Locator("#search-results tr.hit").Nth(1);
        Assert.Contains("selected", await second.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.NotEqual(plain, await BackgroundAsync(second));
        await Browser.ScreenshotAsync(page, "14-search-arrow-selection");
        await page.Keyboard.PressAsync("Escape");

        // Release: back to the queue, the encounter no longer claimed by anyone.
        await page.ClickAsync("#release");
        await page.WaitForURLAsync("**/queue");
        await page.Locator("tr.row:has-text('FHIR-ENC-1')").WaitForAsync();
        Assert.Equal("", (await page.Locator("tr.row:has-text('FHIR-ENC-1') td").Last.TextContentAsync())!.Trim());

        // Finalize through the API, reload: both exports download as named files.
        using (var coder = await api.SignedInAsync("coder"))
        {
            await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
            var view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
            foreach (var s in view["suggestions"]!.AsArray())
                await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)s!["id"]!, action = "accept" }), HttpStatusCode.OK);
            await Json(await coder.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.OK);
        }
        await page.GotoAsync($"/encounter?id={id}");
        await page.Locator("#export-fhir").WaitForAsync();
        var fhir = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-fhir"));
        Assert.Equal("FHIR-ENC-1-claim.fhir.json", fhir.SuggestedFilename);
        Assert.Contains("\"resourceType\":\"Claim\"", await File.ReadAllTextAsync((await fhir.PathAsync())!), StringComparison.Ordinal);
        var json = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-json"));
        Assert.Equal("FHIR-ENC-1-codes.json", json.SuggestedFilename);
        Assert.EndsWith("/encounter?id=" + id, page.Url, StringComparison.Ordinal);

        // A bogus id and an unknown one: an error page that says so, not a blank one.
        await page.GotoAsync("/encounter?id=not-an-id");
        Assert.Contains("names no encounter", await page.Locator("#error").TextContentAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "15-bogus-encounter-id");
        var unknown = Guid.NewGuid();
        await page.GotoAsync($"/encounter?id={unknown}");
        Assert.Contains($"encounter {unknown} does not exist", await page.Locator("#error").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#error a[href='/queue']").CountAsync());
        Assert.Empty(errors);
    }
}
