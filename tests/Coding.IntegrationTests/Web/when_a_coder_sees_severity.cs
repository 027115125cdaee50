using System.Net;
using System.Text.Json.Nodes;
using Coding.Core.Codebooks;
using Coding.Core.Severity;
using Microsoft.Extensions.DependencyInjection;
using static Coding.IntegrationTests.Web.ReviewJson;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Issue 21 through the coder's API on the real host: with the CMS severity lists imported, every diagnosis on the claim
/// carries its appendix C level and its V28 HCCs, and the encounter its tier and HCCs captured. Expected values are read
/// from the raw CMS lines here, not through the importer.
/// </summary>
public sealed class when_a_coder_sees_severity(ReviewHost api) : IClassFixture<ReviewHost>
{
    private static readonly string Root = CodebookSources.ResolveRoot() ?? throw new InvalidOperationException("../shared/codebooks not found");

    private static string RawLevel(string code) =>
        File.ReadLines(Path.Combine(Root, "msdrg-v43", "appendix_C_cc_mcc.txt")).Take(18_460)
            .FirstOrDefault(l => l.Length > 30 && l.Substring(1, 8).Trim() == code) is { } line ? line.Substring(9, 4).Trim() : "";

    private static int[] RawHccs(string code) =>
        File.ReadLines(Path.Combine(Root, "cms-hcc-2026", "icd10cm_hcc_mappings.csv")).Select(l => l.Split(','))
            .Where(f => f[0] == "2026" && f[1] == code && f[5] == "Yes").Select(f => int.Parse(f[4])).Order().ToArray();

    private async Task ImportAsync()
    {
        await using var scope = api.Scope();
        await scope.ServiceProvider.GetRequiredService<SeverityImporter>().ImportAsync(Root, default);
    }

    [Fact]
    public async Task an_inpatient_claim_shows_each_diagnosis_cc_or_mcc_level_and_the_tier_its_secondaries_reach()
    {
        await ImportAsync();
        using var coder = await api.SignedInAsync("coder");
        var view = await Json(await coder.GetAsync($"/api/encounters/{api.Encounters["WEB-1"]}/suggestions"), HttpStatusCode.OK);
        var diagnoses = view["suggestions"]!.AsArray().Select(s => s!).Where(s => (string)s["system"]! == "Icd10Cm").ToList();
        Assert.NotEmpty(diagnoses);
        var lead = (string)diagnoses[0]["code"]!;
        foreach (var s in diagnoses)
            Assert.Equal(RawLevel(((string)s["code"]!).Replace(".", "")), (string?)s["severity"]!["ccMcc"] ?? "");
        Assert.Equal("cc-mcc", (string)view["severity"]!["applies"]!);
        // No code of this note is in another's PDX collection except as checked by the unit tests: the tier is the
        // highest level among the secondaries that count.
        var counted = diagnoses.Where(s => (bool)s["severity"]!["countsAsCcMcc"]!).Select(s => (string)s["severity"]!["ccMcc"]!).ToList();
        Assert.DoesNotContain(diagnoses.Where(s => (string)s["code"]! == lead), s => (bool)s["severity"]!["countsAsCcMcc"]!);
        var expected = counted.Contains("MCC") ? "WithMcc" : counted.Contains("CC") ? "WithCc" : "WithoutCcMcc";
        Assert.Equal(expected, (string)view["severity"]!["tier"]!);
        Assert.Equal("MS-DRG v43", (string)view["severity"]!["ccMccRelease"]!);
    }

    [Fact]
    public async Task an_outpatient_claim_shows_the_v28_hccs_each_diagnosis_captures_and_the_encounter_lists_them()
    {
        await ImportAsync();
        using var coder = await api.SignedInAsync("coder");
        var view = await Json(await coder.GetAsync($"/api/encounters/{api.Encounters["API-1"]}/suggestions"), HttpStatusCode.OK);
        var diabetes = Suggestion(view, "E11.9");
        Assert.Equal(RawHccs("E119"), diabetes["severity"]!["hccs"]!.AsArray().Select(h => (int)h!).ToArray());
        Assert.Equal("hcc", (string)view["severity"]!["applies"]!);
        var captured = view["severity"]!["hccs"]!.AsArray().Select(h => (int)h!["hcc"]!).ToList();
        Assert.Contains(RawHccs("E119").Single(), captured);
        Assert.False(string.IsNullOrEmpty((string?)view["severity"]!["hccs"]![0]!["label"]));
    }

    [Fact]
    public async Task diabetes_the_note_calls_uncomplicated_is_not_queried_and_the_view_lists_no_draft()
    {
        using var coder = await api.SignedInAsync("coder");
        var view = await Json(await coder.GetAsync($"/api/encounters/{api.Encounters["API-1"]}"), HttpStatusCode.OK);
        Suggestion(view, "E11.9");
        Assert.Empty(view["queries"]!.AsArray());
    }

    [Fact]
    public async Task the_browser_shows_the_tier_and_a_badge_for_each_cc_or_mcc_and_each_hcc()
    {
        await ImportAsync();
        using var coder = await api.SignedInAsync("coder");
        var inpatient = await Json(await coder.GetAsync($"/api/encounters/{api.Encounters["WEB-1"]}/suggestions"), HttpStatusCode.OK);
        var levels = inpatient["suggestions"]!.AsArray().Count(s => s!["severity"]?["ccMcc"] is not null);

        await using var browser = await Browser.StartAsync();
        var page = await browser.NewPageAsync(api.BaseAddress);
        await page.GotoAsync("/signin.html");
        await page.FillAsync("#name", "coder");
        await page.FillAsync("#password", api.Passwords[Coding.Core.Accounts.Roles.Coder]);
        await page.ClickAsync("#submit");
        await page.WaitForURLAsync("**/queue");

        await page.GotoAsync("/encounter?id=" + api.Encounters["WEB-1"]);
        await page.Locator("#severity-tier").WaitForAsync();
        Assert.Equal((string)inpatient["severity"]!["tierLabel"]!, await page.TextContentAsync("#severity-tier"));
        Assert.Equal(levels, await page.Locator(".suggestion .badge.sev:not(.hcc)").CountAsync());
        await Browser.ScreenshotAsync(page, "10-severity-inpatient");

        await page.GotoAsync("/encounter?id=" + api.Encounters["API-1"]);
        await page.Locator(".suggestion[data-code='E11.9'] .badge.sev.hcc").First.WaitForAsync();
        Assert.Contains($"HCC {RawHccs("E119").Single()}", await page.TextContentAsync(".suggestion[data-code='E11.9']"), StringComparison.Ordinal);
        Assert.Contains(RawHccs("E119").Single().ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.TextContentAsync("#severity-hccs"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "11-severity-hcc");
    }
}
