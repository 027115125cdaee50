using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coding.Api.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coding.IntegrationTests.Web;

/// <summary>The dashboard API and /metrics on the real host, moving as coders decide.</summary>
public sealed class when_a_manager_watches_the_pipeline(ReportsHost api) : IClassFixture<ReportsHost>
{
    private static async Task<JsonNode> DashboardAsync(HttpClient manager) =>
        JsonNode.Parse(await manager.GetStringAsync("/api/dashboard?hours=6"))!;

    private static int Sum(JsonNode dashboard, string field) => dashboard["hours"]!.AsArray().Sum(h => (int)h![field]!);

    [Fact]
    public async Task the_dashboard_and_the_metrics_count_what_happened_and_move_when_a_coder_decides()
    {
        using var manager = await api.SignedInAsync("manager");
        var before = await DashboardAsync(manager);
        Assert.Equal(3, Sum(before, "ingested"));
        Assert.Equal(3, Sum(before, "coded"));
        Assert.Equal(3, (int)before["backlog"]!["awaitingReview"]!);
        Assert.Equal(0, (int)before["backlog"]!["awaitingEngine"]!);
        Assert.NotNull(before["latency"]!["p50Seconds"]);
        var acceptedBefore = (int)before["decisions"]!["accepted"]!;

        using var coder = await api.SignedInAsync("coder");
        var id = api.Encounters["API-2"];
        (await coder.PostAsync($"/api/encounters/{id}/claim", null)).EnsureSuccessStatusCode();
        var view = JsonNode.Parse(await coder.GetStringAsync($"/api/encounters/{id}"))!;
        var hypertension = view["suggestions"]!.AsArray().Single(s => (string)s!["code"]! == "I10")!;
        (await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (Guid)hypertension["id"]!, action = "accept" })).EnsureSuccessStatusCode();

        var after = await DashboardAsync(manager);
        Assert.Equal(acceptedBefore + 1, (int)after["decisions"]!["accepted"]!);
        var family = after["byFamily"]!.AsArray().Single(f => (string)f!["key"]! == "cm-09")!;
        Assert.True((int)family["accepted"]! >= 1);
        Assert.Contains(after["byCoder"]!.AsArray(), c => (string)c!["key"]! == "coder" && (int)c["accepted"]! >= 1);

        // The host listens on 127.0.0.1 and no Metrics:ApiKey is set: a local scraper needs no session.
        using var scraper = api.Anonymous();
        var metrics = await scraper.GetStringAsync("/metrics");
        Assert.Contains("coding_encounters_ingested_total 3", metrics, StringComparison.Ordinal);
        Assert.Contains("coding_encounters_coded_total 3", metrics, StringComparison.Ordinal);
        Assert.Contains("coding_backlog_encounters{queue=\"review\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains($"coding_review_decisions_total{{action=\"accept\"}} {acceptedBefore + 1}", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE coding_processing_latency_seconds histogram", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_window_outside_the_allowed_range_is_refused()
    {
        using var manager = await api.SignedInAsync("manager");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/dashboard?hours=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/dashboard?hours=100000")).StatusCode);
    }

    [Theory]
    [InlineData(null, "127.0.0.1", null, true)]
    [InlineData(null, "10.1.2.3", null, false)]
    [InlineData("s3cret", "127.0.0.1", null, false)]            // with a key, loopback needs it too (a local proxy looks like loopback)
    [InlineData("s3cret", "10.1.2.3", "Bearer s3cret", true)]
    [InlineData("s3cret", "10.1.2.3", "Bearer wrong", false)]
    public void metrics_are_served_to_loopback_without_a_key_or_to_anyone_with_the_configured_key(string? key, string remote, string? authorization, bool served)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(Options.Create(new MetricsOptions { ApiKey = key })).BuildServiceProvider(),
        };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
            http.Request.Headers.Authorization = authorization;

        Assert.Equal(served, MetricsEndpoint.Authorised(http));
    }
}
