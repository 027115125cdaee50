using System.Text.Json.Nodes;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Ingest;
using Coding.Core.Model.Gguf;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coding.IntegrationTests.Model;

/// <summary>
/// The worker exactly as `--model-backend llama --model tiny.gguf` starts it, behind the real queue: the deterministic
/// engine proposes, the tiny random-weight model adjudicates through llama.cpp with the grammar, and what is stored is
/// checked against the engine's own candidates and the note.
/// </summary>
public sealed class when_the_worker_adjudicates_with_the_llama_backend(PipelineHarness harness, ITestOutputHelper output) : IClassFixture<PipelineHarness>, IDisposable
{
    private const string Note = "ASSESSMENT: Fever. Essential hypertension. No evidence of pneumonia.\nPLAN: Antipyretics.";
    private const string Other = "Essential hypertension, stable. Fever since Tuesday.";

    private readonly string _dir = Directory.CreateTempSubdirectory("coding-worker-gguf-").FullName;

    private string TinyGguf()
    {
        var path = Path.Combine(_dir, "tiny.gguf");
        if (!File.Exists(path))
            TinyLlamaGguf.Create(TinyModel.Vocabulary!, path, seed: 42);
        return path;
    }

    private Dictionary<string, string?> Llama(string timeout = "00:02:00") => new()
    {
        ["Engine:Kind"] = "deterministic",
        ["Model:Backend"] = "llama",
        ["Model:Llama:ModelPath"] = TinyGguf(),
        ["Model:Llama:ContextSize"] = "2048",
        ["Model:Llama:Threads"] = "1",
        ["Model:MaxTokens"] = "256",
        ["Model:RationaleMaxLength"] = "32",
        ["Model:Timeout"] = timeout,
        // A random model mostly answers {"codes":[]}; demanding one code makes it write codes and evidence to check.
        ["Model:MinCodes"] = "1",
    };

    private async Task<Dictionary<string, Guid>> IngestAsync(string prefix)
    {
        await using (var scope = harness.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<CodebookImporter>();
            await importer.ImportAsync(new ImportRequest(Path.Combine(AppContext.BaseDirectory, "EngineFixtures"), new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
        }
        var ingested = await harness.IngestAsync(
        [
            new ValidEncounter($"{prefix}-1", CareSetting.Inpatient, new DateOnly(2026, 3, 1), 54, PatientSex.Male, Note),
            new ValidEncounter($"{prefix}-2", CareSetting.Outpatient, new DateOnly(2026, 4, 2), 61, PatientSex.Female, Other),
        ]);
        return ingested.ToDictionary(e => e.ExternalId, e => e.EncounterId);
    }

    private Task<List<SuggestionSet>> SetsAsync(IEnumerable<Guid> ids) =>
        harness.QueryAsync(db => db.SuggestionSets.Include(s => s.Suggestions).ThenInclude(s => s.Evidence)
            .Where(s => ids.Contains(s.EncounterId)).ToListAsync());

    [LlamaFact]
    public async Task every_stored_code_is_an_engine_candidate_with_evidence_in_the_note_and_the_model_in_its_provenance()
    {
        var ids = await IngestAsync("LLAMA");
        using var worker = harness.CreateWorker(settings: Llama());
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => (await SetsAsync(ids.Values)).Count == 2, TimeSpan.FromMinutes(3), "both encounters coded");
        var engine = worker.Services.GetRequiredService<DeterministicEngine>();
        var modelHash = worker.Services.GetRequiredService<Coding.Core.Model.Llama.LlamaChatCompletionService>().Model.Sha256;
        await worker.StopAsync();

        foreach (var (external, text) in new[] { ("LLAMA-1", Note), ("LLAMA-2", Other) })
        {
            var set = (await SetsAsync([ids[external]])).Single();
            var encounter = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == ids[external]));
            var proposal = await engine.ProposeAsync(new EncounterNote(encounter.Id, encounter.Setting, encounter.DateOfService, encounter.PatientAgeYears, encounter.PatientSex, text), 12, default);
            output.WriteLine($"{external}: {set.Adjudication} → {string.Join(", ", set.Suggestions.Select(s => $"{s.Code} {s.Confidence}"))}");

            Assert.Equal("deterministic+llama", set.Engine);
            var adjudication = JsonNode.Parse(set.Adjudication!)!.AsObject();
            Assert.Equal("llama", (string?)adjudication["backend"]);
            Assert.Equal(modelHash, (string?)adjudication["model"]);
            Assert.Equal("adjudicate-v1", (string?)adjudication["promptVersion"]);
            Assert.StartsWith("sha256:", (string?)adjudication["promptHash"], StringComparison.Ordinal);
            // The grammar makes every answer valid, so nothing may have fallen back.
            Assert.Null(adjudication["fallback"]);

            foreach (var provenance in AdjudicatedSets.AssertGrounded(set, proposal.Candidates.Select(c => c.Code).ToHashSet(), text))
            {
                Assert.Equal(modelHash, (string?)provenance["model"]);
                Assert.Equal((string?)adjudication["promptHash"], (string?)provenance["promptHash"]);
            }
        }
    }

    [LlamaFact]
    public async Task a_model_that_runs_out_of_time_leaves_the_deterministic_suggestions_and_says_so()
    {
        var ids = await IngestAsync("SLOW");
        using var worker = harness.CreateWorker(settings: Llama(timeout: "00:00:00.001"));
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => (await SetsAsync(ids.Values)).Count == 2, TimeSpan.FromMinutes(2), "both encounters coded");
        var engine = worker.Services.GetRequiredService<DeterministicEngine>();
        await worker.StopAsync();

        var set = (await SetsAsync([ids["SLOW-1"]])).Single();
        var encounter = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == ids["SLOW-1"]));
        var deterministic = await engine.SuggestAsync(new EncounterNote(encounter.Id, encounter.Setting, encounter.DateOfService, encounter.PatientAgeYears, encounter.PatientSex, Note), default);

        Assert.Equal("Timeout", (string?)JsonNode.Parse(set.Adjudication!)!["fallback"]!["reason"]);
        Assert.Equal(deterministic.Suggestions.Select(s => (s.Code, s.Confidence)), set.Suggestions.OrderBy(s => s.Rank).Select(s => (s.Code, s.Confidence)));
        Assert.Contains("I10", set.Suggestions.Select(s => s.Code));
        Assert.All(set.Suggestions, s => Assert.Equal("Timeout", (string?)JsonNode.Parse(s.Provenance)!["adjudication"]!["fallback"]!["reason"]));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
