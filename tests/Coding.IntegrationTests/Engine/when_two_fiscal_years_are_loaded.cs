using Coding.Core.Codebooks.Import;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Engine;

/// <summary>
/// ICD-10-CM FY2025 and FY2026 both imported, each encounter coded against the release in force on its date of
/// service, not the newest one. The fixtures are the engine excerpt twice, FY2025 without E11.65: a difference made for
/// the test (the real FY2026 addition in these categories, E11.A, is not a code the engine reaches from a note), so that
/// one code exists in FY2026 only and the release used shows in the codes, not only in the version stamped on them.
/// </summary>
public sealed class when_two_fiscal_years_are_loaded(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const string Note = "ASSESSMENT: Type 2 diabetes mellitus with hyperglycemia. Essential hypertension.\nPLAN: Titrate insulin.";

    [Fact]
    public async Task an_fy2025_encounter_is_coded_against_fy2025_and_an_fy2026_one_against_fy2026()
    {
        await using (var scope = harness.Services.CreateAsyncScope())
        {
            var root = Path.Combine(AppContext.BaseDirectory, "Engine", "SplitYearFixtures");
            await scope.ServiceProvider.GetRequiredService<CodebookImporter>()
                .ImportAsync(new ImportRequest(root, new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
        }
        Assert.Equal(["2025", "2026"], await harness.QueryAsync(db => db.CodebookReleases.Where(r => r.System == CodeSystem.Icd10Cm).OrderBy(r => r.Version).Select(r => r.Version).ToListAsync()));
        var ingested = await harness.IngestAsync(
        [
            new ValidEncounter("FY25-1", CareSetting.Outpatient, new DateOnly(2025, 3, 14), 58, PatientSex.Female, Note),
            new ValidEncounter("FY26-1", CareSetting.Outpatient, new DateOnly(2026, 3, 14), 58, PatientSex.Female, Note),
        ]);
        var byId = ingested.ToDictionary(e => e.ExternalId, e => e.EncounterId);
        using var worker = harness.CreateWorker(settings: new Dictionary<string, string?> { ["Engine:Kind"] = "deterministic" });
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 2, TimeSpan.FromSeconds(60), "both coded");
        await worker.StopAsync();

        var fy25 = await SetAsync(byId["FY25-1"]);
        var fy26 = await SetAsync(byId["FY26-1"]);
        Assert.Equal("2025", fy25.CodebookVersion);
        Assert.All(fy25.Suggestions, s => Assert.Equal("2025", s.CodebookVersion));
        Assert.Equal("2026", fy26.CodebookVersion);
        Assert.All(fy26.Suggestions, s => Assert.Equal("2026", s.CodebookVersion));
        // The code that differs: E11.65 exists in the FY2026 fixture only.
        Assert.Contains("E11.65", fy26.Suggestions.Select(s => s.Code));
        Assert.DoesNotContain("E11.65", fy25.Suggestions.Select(s => s.Code));
        Assert.Contains("I10", fy25.Suggestions.Select(s => s.Code));
    }

    private Task<SuggestionSet> SetAsync(Guid encounterId) =>
        harness.QueryAsync(db => db.SuggestionSets.Include(s => s.Suggestions).SingleAsync(s => s.EncounterId == encounterId));
}
