using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Ingest;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Engine;

/// <summary>
/// The deterministic engine behind the real queue and worker, on a harness database holding an ICD-10-CM FY2026
/// release imported from real order-file and Tabular excerpts (a few codes: seconds, where the full files take minutes).
/// </summary>
public sealed class when_the_worker_codes_notes(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const string Note = "ASSESSMENT: Type 2 diabetes mellitus with hyperglycemia. Essential hypertension. No evidence of pneumonia.\nPLAN: Titrate insulin.";

    private static readonly Dictionary<string, string?> RealEngine = new() { ["Engine:Kind"] = "deterministic" };

    private async Task ImportExcerptAsync()
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CodebookImporter>();
        var root = Path.Combine(AppContext.BaseDirectory, "EngineFixtures");
        await importer.ImportAsync(new ImportRequest(root, new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
    }

    [Fact]
    public async Task notes_are_coded_with_grounded_evidence_and_a_date_without_a_codebook_fails_with_its_reason()
    {
        await ImportExcerptAsync();
        var ingested = await harness.IngestAsync(
        [
            new ValidEncounter("ENG-1", CareSetting.Inpatient, new DateOnly(2026, 3, 1), 54, PatientSex.Male, Note),
            new ValidEncounter("ENG-2", CareSetting.Outpatient, new DateOnly(2026, 4, 2), 61, PatientSex.Female, "Essential hypertension, stable."),
            new ValidEncounter("ENG-OLD", CareSetting.Outpatient, new DateOnly(2019, 6, 1), 40, PatientSex.Female, Note),
        ]);
        var byId = ingested.ToDictionary(e => e.ExternalId, e => e.EncounterId);
        using var worker = harness.CreateWorker(settings: RealEngine);
        await worker.StartAsync();

        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 2, TimeSpan.FromSeconds(60), "two encounters coded");
        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default)).Count == 1,
            TimeSpan.FromSeconds(30), "the out-of-range encounter dead-lettered");
        await worker.StopAsync();

        var set = await harness.QueryAsync(db => db.SuggestionSets.Include(s => s.Suggestions).ThenInclude(s => s.Evidence).SingleAsync(s => s.EncounterId == byId["ENG-1"]));
        Assert.Equal(DeterministicEngine.EngineName, set.Engine);
        Assert.Equal("2026", set.CodebookVersion);
        var codes = set.Suggestions.Select(s => s.Code).ToList();
        Assert.Contains("E11.65", codes);
        Assert.DoesNotContain("E11.9", codes);   // one code per condition, the most specific documented
        Assert.Contains("I10", codes);
        Assert.DoesNotContain("J18.9", codes);
        foreach (var suggestion in set.Suggestions)
        {
            Assert.NotEmpty(suggestion.Evidence);
            Assert.Contains("\"engineVersion\"", suggestion.Provenance, StringComparison.Ordinal);
            foreach (var span in suggestion.Evidence)
                Assert.True(EngineEvaluation.SpanIsValid(Note, span.Start, span.End), $"span [{span.Start},{span.End}) of {suggestion.Code}");
        }
        // The claims policy (the default): one principal diagnosis for the inpatient stay, stored first, with POA.
        Assert.Equal(CodingPolicy.Claims, set.Policy);
        var principal = Assert.Single(set.Suggestions, s => s.Role != DiagnosisRole.Secondary);
        Assert.Equal(DiagnosisRole.Principal, principal.Role);
        Assert.Equal(1, principal.Rank);
        Assert.All(set.Suggestions, s => Assert.NotNull(s.Poa));
        var office = await harness.QueryAsync(db => db.SuggestionSets.Include(s => s.Suggestions).SingleAsync(s => s.EncounterId == byId["ENG-2"]));
        var firstListed = Assert.Single(office.Suggestions);
        Assert.Equal(("I10", DiagnosisRole.FirstListed, (PresentOnAdmission?)null), (firstListed.Code, firstListed.Role, firstListed.Poa));
        var diabetes = set.Suggestions.Single(s => s.Code == "E11.65").Evidence[0];
        Assert.EndsWith("diabetes mellitus with hyperglycemia", Note[diabetes.Start..diabetes.End], StringComparison.Ordinal);

        var old = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == byId["ENG-OLD"]));
        Assert.Equal(EncounterStatus.Failed, old.Status);
        Assert.Equal("no-codebook-in-force", old.FailureReason);
        var letter = Assert.Single(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default));
        Assert.EndsWith(nameof(NoCodebookInForceException), letter.ExceptionType, StringComparison.Ordinal);
        Assert.DoesNotContain("2019", letter.Reason, StringComparison.Ordinal);   // no date of service in a dead letter
    }
}
