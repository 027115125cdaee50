using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Coding.IntegrationTests.Model;

/// <summary>
/// A worker with <c>Model:Backend=openai</c> behind the real queue, its endpoint our own API host serving the tiny llama
/// model over POST /v1/chat/completions: encounters posted over HTTP ingest are coded through real HTTP; and an endpoint
/// off the allowlist — configured directly, or reached by a redirect from an allowlisted one — never receives a request.
/// </summary>
public sealed class when_the_worker_adjudicates_through_an_openai_endpoint(LlamaApiHost api, PipelineHarness harness, ITestOutputHelper output)
    : IClassFixture<LlamaApiHost>, IClassFixture<PipelineHarness>
{
    private const string Note = "ASSESSMENT: Fever. Essential hypertension. No evidence of pneumonia.\nPLAN: Antipyretics.";
    private const string Other = "Essential hypertension, stable. Fever since Tuesday.";
    private const string ModelId = "tiny-random";

    /// <summary>The API host's settings (its database and note keys) without its llama ones, plus an openai backend at <paramref name="endpoint"/>.</summary>
    private Dictionary<string, string?> OpenAi(Uri endpoint, Uri allowed)
    {
        var settings = api.Settings.Where(s => !s.Key.StartsWith("Model:", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Engine:Kind"] = "deterministic";
        settings["Model:Backend"] = "openai";
        settings["Model:OpenAI:Endpoint"] = endpoint.ToString();
        settings["Model:OpenAI:ModelId"] = ModelId;
        settings["Model:AllowedEndpoints:0:Url"] = allowed.ToString();
        settings["Model:AllowedEndpoints:0:PhiTrusted"] = "true";
        settings["Model:MaxTokens"] = "256";
        settings["Model:RationaleMaxLength"] = "32";
        settings["Model:Timeout"] = "00:02:00";
        // A random model mostly answers {"codes":[]}; demanding one code makes it write codes and evidence to check.
        settings["Model:MinCodes"] = "1";
        return settings;
    }

    private async Task<Dictionary<string, Guid>> PostAsync(string prefix)
    {
        await using (var scope = api.Scope())
            await scope.ServiceProvider.GetRequiredService<CodebookImporter>().ImportAsync(
                new ImportRequest(Path.Combine(AppContext.BaseDirectory, "EngineFixtures"), new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
        using var ingest = await api.SignedInAsync("ingest");
        var response = await ingest.PostAsJsonAsync("/api/encounters", new[]
        {
            new { externalId = $"{prefix}-1", setting = "inpatient", dateOfService = "2026-03-01", patientAge = 54, patientSex = "M", note = Note },
            new { externalId = $"{prefix}-2", setting = "outpatient", dateOfService = "2026-04-02", patientAge = 61, patientSex = "F", note = Other },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray();
        return results.ToDictionary(r => r.GetProperty("externalId").GetString()!, r => r.GetProperty("encounterId").GetGuid());
    }

    private async Task<List<SuggestionSet>> SetsAsync(IEnumerable<Guid> ids)
    {
        await using var scope = api.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodingDbContext>().SuggestionSets.Include(s => s.Suggestions).ThenInclude(s => s.Evidence)
            .Where(s => ids.Contains(s.EncounterId)).ToListAsync();
    }

    private async Task<int> AuditCountAsync(string action, IEnumerable<Guid> ids)
    {
        var entities = ids.Select(i => i.ToString()).ToList();
        await using var scope = api.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodingDbContext>().AuditEntries.CountAsync(a => a.Action == action && entities.Contains(a.EntityId));
    }

    /// <summary>The two encounters <see cref="PostAsync"/> sends, as the engine sees them.</summary>
    private static EncounterNote AsEngineSees(string externalId, Guid id) => externalId.EndsWith("-1", StringComparison.Ordinal)
        ? new EncounterNote(id, CareSetting.Inpatient, new DateOnly(2026, 3, 1), 54, PatientSex.Male, Note)
        : new EncounterNote(id, CareSetting.Outpatient, new DateOnly(2026, 4, 2), 61, PatientSex.Female, Other);

    [LlamaFact]
    public async Task every_stored_code_is_an_engine_candidate_with_evidence_in_the_note_and_the_openai_backend_in_its_provenance()
    {
        var ids = await PostAsync("OPENAI");
        using var worker = harness.CreateWorker(settings: OpenAi(api.ModelEndpoint, allowed: api.ModelEndpoint));
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => (await SetsAsync(ids.Values)).Count == 2, TimeSpan.FromMinutes(4), "both encounters coded");
        var engine = worker.Services.GetRequiredService<DeterministicEngine>();
        await worker.StopAsync();

        foreach (var (external, id) in ids)
        {
            var set = (await SetsAsync([id])).Single();
            var note = AsEngineSees(external, id);
            var proposal = await engine.ProposeAsync(note, 12, default);
            output.WriteLine($"{external}: {set.Adjudication} → {string.Join(", ", set.Suggestions.Select(s => $"{s.Code} {s.Confidence}"))}");

            Assert.Equal("deterministic+openai", set.Engine);
            var adjudication = JsonNode.Parse(set.Adjudication!)!.AsObject();
            Assert.Equal("openai", (string?)adjudication["backend"]);
            Assert.Equal(ModelId, (string?)adjudication["model"]);
            Assert.StartsWith("sha256:", (string?)adjudication["promptHash"], StringComparison.Ordinal);
            // The served model's grammar makes every answer valid: nothing may have fallen back.
            Assert.Null(adjudication["fallback"]);

            foreach (var provenance in AdjudicatedSets.AssertGrounded(set, proposal.Candidates.Select(c => c.Code).ToHashSet(), note.Text))
            {
                Assert.Equal("openai", (string?)provenance["backend"]);
                Assert.Equal(ModelId, (string?)provenance["model"]);
            }
        }
        // The note's sentences left the worker over HTTP: a disclosure, audited per encounter.
        Assert.Equal(2, await AuditCountAsync("note.sent-to-model", ids.Values));
    }

    [LlamaFact]
    public async Task an_endpoint_off_the_allowlist_receives_nothing_and_the_deterministic_result_is_stored_with_the_refusal()
    {
        using var trap = new ConnectionCounter();
        var trapEndpoint = new Uri($"http://127.0.0.1:{trap.Port}/v1");

        // Configured directly: the worker does not start, so nothing is ever sent.
        using (var misconfigured = harness.CreateWorker(settings: OpenAi(trapEndpoint, allowed: api.ModelEndpoint)))
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => misconfigured.StartAsync());
            Assert.Contains("not in Model:AllowedEndpoints", refused.Message, StringComparison.Ordinal);
        }

        // Reached through an allowlisted server that answers 307 to the trap (which an HTTP client would follow, re-sending the body).
        await using var redirecting = await RedirectingServerAsync(new Uri(trapEndpoint, "/v1/chat/completions"));
        var redirectingEndpoint = new Uri(redirecting.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1");
        var ids = await PostAsync("REDIRECT");
        using var worker = harness.CreateWorker(settings: OpenAi(redirectingEndpoint, allowed: redirectingEndpoint));
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => (await SetsAsync(ids.Values)).Count == 2, TimeSpan.FromMinutes(2), "both encounters coded");
        var engine = worker.Services.GetRequiredService<DeterministicEngine>();
        await worker.StopAsync();

        Assert.Equal(0, trap.Connections);
        Assert.True(_redirects > 0, "the allowlisted server was asked");
        var set = (await SetsAsync([ids["REDIRECT-1"]])).Single();
        var fallback = JsonNode.Parse(set.Adjudication!)!["fallback"]!;
        Assert.Equal("EndpointNotAllowed", (string?)fallback["reason"]);
        Assert.Contains("redirects are not followed", (string?)fallback["detail"], StringComparison.Ordinal);
        var deterministic = await engine.SuggestAsync(AsEngineSees("REDIRECT-1", ids["REDIRECT-1"]), default);
        Assert.Equal(deterministic.Suggestions.Select(s => (s.Code, s.Confidence)), set.Suggestions.OrderBy(s => s.Rank).Select(s => (s.Code, s.Confidence)));
        Assert.All(set.Suggestions, s => Assert.Equal("EndpointNotAllowed", (string?)JsonNode.Parse(s.Provenance)!["adjudication"]!["fallback"]!["reason"]));
    }

    private int _redirects;

    /// <summary>An allowlisted "model server" that answers every chat request with 307 Temporary Redirect to <paramref name="target"/>.</summary>
    private async Task<WebApplication> RedirectingServerAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        server.MapPost("/v1/chat/completions", () =>
        {
            Interlocked.Increment(ref _redirects);
            return Results.Redirect(target.ToString(), permanent: false, preserveMethod: true);
        });
        await server.StartAsync();
        return server;
    }

    /// <summary>A TCP listener on a free loopback port that only counts the connections made to it.</summary>
    private sealed class ConnectionCounter : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public ConnectionCounter()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // stopped
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
