using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coding.IntegrationTests.Infrastructure;

namespace Coding.IntegrationTests.Web;

/// <summary>Evaluation runs through the CDI API on the real host: the Quartz job runs them in the background.</summary>
public sealed class when_a_cdi_user_evaluates_the_engine(ReportsHost api) : IClassFixture<ReportsHost>
{
    private static async Task<Guid> StartAsync(HttpClient cdi)
    {
        var response = await cdi.PostAsJsonAsync("/api/cdi/runs", new { goldSet = "cdi-smoke" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private static async Task<JsonNode> FinishedAsync(HttpClient cdi, Guid id)
    {
        JsonNode? run = null;
        await Eventually.HoldsAsync(async () =>
        {
            run = JsonNode.Parse(await cdi.GetStringAsync($"/api/cdi/runs/{id}"))!["run"];
            return (string)run!["status"]! is "succeeded" or "failed";
        }, TimeSpan.FromSeconds(60), $"run {id} finished");
        return run!;
    }

    [Fact]
    public async Task a_run_started_from_the_api_finishes_in_the_background_and_two_runs_compare()
    {
        using var cdi = await api.SignedInAsync("cdi");
        Assert.Contains("cdi-smoke", await cdi.GetStringAsync("/api/cdi/gold-sets"), StringComparison.Ordinal);

        var a = await StartAsync(cdi);
        var b = await StartAsync(cdi);
        var runA = await FinishedAsync(cdi, a);
        await FinishedAsync(cdi, b);

        Assert.Equal("succeeded", (string)runA["status"]!);
        Assert.Equal(6, (int)runA["documentsDone"]!);
        Assert.Equal("claims", (string)runA["policy"]!);
        Assert.True((double)runA["f1"]! > 0.5, $"micro-F1 {runA["f1"]}");
        var listed = JsonNode.Parse(await cdi.GetStringAsync("/api/cdi/runs"))!.AsArray();
        Assert.Contains(listed, r => (Guid)r!["id"]! == a);

        var compared = JsonNode.Parse(await cdi.GetStringAsync($"/api/cdi/compare?a={a}&b={b}"))!["comparison"]!;
        Assert.Equal(6, (int)compared["documents"]!);
        Assert.Equal(0, (int)compared["gainedTotal"]!);
        Assert.Equal(10, compared["calibrationA"]!.AsArray().Count);
        Assert.NotEmpty(compared["chapters"]!.AsArray());
    }

    [Fact]
    public async Task only_configured_gold_sets_can_be_run()
    {
        using var cdi = await api.SignedInAsync("cdi");
        var refused = await cdi.PostAsJsonAsync("/api/cdi/runs", new { goldSet = "/etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a configured gold set", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task override_rates_come_from_the_coders_real_decisions()
    {
        using var coder = await api.SignedInAsync("coder");
        var id = api.Encounters["API-1"];
        (await coder.PostAsync($"/api/encounters/{id}/claim", null)).EnsureSuccessStatusCode();
        var suggestions = JsonNode.Parse(await coder.GetStringAsync($"/api/encounters/{id}"))!["suggestions"]!.AsArray();
        var fever = suggestions.Single(s => (string)s!["code"]! == "R50.9")!;
        var hypertension = suggestions.Single(s => (string)s!["code"]! == "I10")!;
        (await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (Guid)fever["id"]!, action = "reject", reason = "not-documented" })).EnsureSuccessStatusCode();
        (await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (Guid)hypertension["id"]!, action = "accept" })).EnsureSuccessStatusCode();

        using var cdi = await api.SignedInAsync("cdi");
        var report = JsonNode.Parse(await cdi.GetStringAsync("/api/cdi/overrides?days=7"))!;

        var days = report["days"]!.AsArray();
        Assert.Equal(7, days.Count);
        var today = days[^1]!["rates"]!;
        Assert.Equal((1, 1), ((int)today["rejected"]!, (int)today["accepted"]!));
        Assert.Equal(0.5, (double)today["overrideRate"]!, 6);
        var symptoms = report["byFamily"]!.AsArray().Single(f => (string)f!["key"]! == "cm-18")!;
        Assert.Equal(1.0, (double)symptoms["rejectionRate"]!, 6);
        Assert.Equal(HttpStatusCode.BadRequest, (await cdi.GetAsync("/api/cdi/overrides?days=0")).StatusCode);
    }
}
