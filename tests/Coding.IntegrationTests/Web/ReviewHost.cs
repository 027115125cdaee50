using Coding.Contracts;
using Coding.Core;
using Coding.Core.Accounts;
using Coding.Core.Audit;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Ingest;
using Coding.Core.Notes;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// The API host with encounters ready for review: the ICD-10-CM FY2026 engine excerpt imported (seconds, not the full
/// release's minutes), encounters ingested, and coded by the real deterministic engine through the worker's own
/// SuggestionService (no queue needed: the message is handed over directly). Adds a second coder, "coder2".
/// </summary>
public class ReviewHost : ApiHost
{
    /// <summary>The browser test's note: hostile markup included, which must show as text and never run.</summary>
    public const string BrowserNote =
        "CHIEF COMPLAINT: Fever and cough.\nHISTORY: 61-year-old man <script>window.__pwned = true</script><img src=x onerror=\"window.__pwned=true\"> with cough for four days.\n" +
        "PAST MEDICAL HISTORY: Essential hypertension. Type 2 diabetes mellitus without complications. Enlarged prostate.\n" +
        "EXAM: Temperature 38.9 C. Crackles at the right base.\nASSESSMENT: Fever. Lobar pneumonia of the right lower lobe. Essential hypertension, stable.\n" +
        "PLAN: Amoxicillin. Recheck in one week.";

    public const string ApiNote = "ASSESSMENT: Fever. Essential hypertension. Type 2 diabetes mellitus without complications.\nPLAN: Antipyretics.";

    public Dictionary<string, Guid> Encounters { get; } = [];

    /// <summary>The ICD-10-CM files imported: the engine excerpt, unless a fixture needs the whole release.</summary>
    protected virtual string CodebookRoot => Path.Combine(AppContext.BaseDirectory, "EngineFixtures");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var scope = Scope())
        {
            Passwords["coder2"] = PasswordHashing.NewPassword();
            await scope.ServiceProvider.GetRequiredService<AccountService>().SaveAsync("coder2", Roles.Coder, Passwords["coder2"], false, new Actor("test", "admin", "test"), default);
            var importer = scope.ServiceProvider.GetRequiredService<CodebookImporter>();
            await importer.ImportAsync(new ImportRequest(CodebookRoot, new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
            var ingested = await scope.ServiceProvider.GetRequiredService<EncounterIngestor>().IngestAsync(
            [
                new ValidEncounter("WEB-1", CareSetting.Inpatient, new DateOnly(2026, 3, 2), 61, PatientSex.Male, BrowserNote),
                new ValidEncounter("API-1", CareSetting.Outpatient, new DateOnly(2026, 2, 10), 54, PatientSex.Female, ApiNote),
                new ValidEncounter("API-2", CareSetting.Emergency, new DateOnly(2026, 4, 20), 70, PatientSex.Male, ApiNote + " Lobar pneumonia."),
            ], new Actor("test", "admin", "test"), default);
            foreach (var e in ingested)
                Encounters[e.ExternalId] = e.EncounterId;
        }
        await CodeAllAsync();
    }

    /// <summary>Runs the deterministic engine on every ingested encounter, as a worker would.</summary>
    private async Task CodeAllAsync()
    {
        foreach (var (externalId, id) in Encounters)
        {
            var date = externalId == "WEB-1" ? new DateOnly(2026, 3, 2) : externalId == "API-1" ? new DateOnly(2026, 2, 10) : new DateOnly(2026, 4, 20);
            await CodeAsync(externalId, id, date);
        }
    }

    /// <summary>Codes one stored encounter with the deterministic engine through the worker's own SuggestionService.</summary>
    public async Task CodeAsync(string externalId, Guid id, DateOnly date)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Configuration["Engine:Kind"] = "deterministic";
        // The review workflow is specified on the findings a note names (fever beside hypertension and diabetes); the
        // claims policy would drop some of them, and its own behaviour is specified in Engine/ and the unit tests.
        builder.Configuration["Engine:Policy"] = "Findings";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCodingCore();
        builder.AddSuggestionEngine();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var service = new SuggestionService(sp.GetRequiredService<CodingDbContext>(), sp.GetRequiredService<NoteProtector>(), sp.GetRequiredService<ISuggestionEngine>(), TimeProvider.System);
        var outcome = await service.SuggestAsync(new EncounterFinished(id, externalId, date), Guid.NewGuid(), default);
        if (outcome != SuggestOutcome.Coded)
            throw new InvalidOperationException($"{externalId} was not coded: {outcome}");
    }
}
