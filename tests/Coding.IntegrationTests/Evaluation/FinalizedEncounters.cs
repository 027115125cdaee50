using Coding.Core;
using Coding.Core.Audit;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Evaluation.Finalized;
using Coding.Core.Ingest;
using Coding.Core.Notes;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coding.IntegrationTests.Evaluation;

/// <summary>
/// A scratch database with the ICD-10-CM FY2026 excerpt and three encounters ingested (notes encrypted) and given the
/// engine's suggestions, then reviewed by a coder through the real <see cref="ReviewService"/>:
/// <list type="bullet">
/// <item>LEARN-1 (inpatient, finalized 2026-03-05): R50.9 modified to R50.2, I10 accepted, E11.9 rejected, J18.9 added;</item>
/// <item>LEARN-2 (outpatient, finalized 2026-03-10): I10 accepted;</item>
/// <item>LEARN-3 (outpatient): I10 accepted, not finalized.</item>
/// </list>
/// </summary>
public sealed class FinalizedEncounters : IAsyncLifetime
{
    public const string Note =
        "ASSESSMENT: Fever. Essential hypertension. Type 2 diabetes mellitus without complications. Lobar pneumonia.\nPLAN: Antibiotics.";
    public static readonly DateTimeOffset FirstFinalized = new(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SecondFinalized = new(2026, 3, 10, 16, 0, 0, TimeSpan.Zero);
    public static readonly Actor Coder = new("coder", "coder", "test");

    private ScratchDatabase _database = null!;
    public IHost Host { get; private set; } = null!;
    public Dictionary<string, Guid> Encounters { get; } = [];

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("coding_learn");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{Database.ConnectionStringName}"] = _database.ConnectionString,
            [$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = _database.OwnerConnectionString,
            [TestEmbedder.Key] = TestEmbedder.Kind,
            ["NoteProtection:ActiveKeyId"] = "k",
            ["NoteProtection:Keys:k"] = Convert.ToBase64String(new byte[32]),
            ["NoteProtection:HashKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole();
        builder.AddCodingCore();
        Host = builder.Build();

        await using var scope = Host.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await Database.MigrateAsync(sp.GetRequiredService<CodingDbContext>(), default);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "EngineFixtures");
        var excerpt = new ImportRequest(fixtures, new HashSet<CodeSystem> { CodeSystem.Icd10Cm });
        await sp.GetRequiredService<CodebookImporter>().ImportAsync(excerpt, progress: null, default);
        var ingested = await sp.GetRequiredService<EncounterIngestor>().IngestAsync(
        [
            new ValidEncounter("LEARN-1", CareSetting.Inpatient, new DateOnly(2026, 3, 2), 61, PatientSex.Male, Note),
            new ValidEncounter("LEARN-2", CareSetting.Outpatient, new DateOnly(2026, 3, 9), 54, PatientSex.Female, Note),
            new ValidEncounter("LEARN-3", CareSetting.Outpatient, new DateOnly(2026, 3, 9), 70, PatientSex.Male, Note),
        ], new Actor("test", "admin", "test"), default);
        foreach (var e in ingested)
            Encounters[e.ExternalId] = e.EncounterId;

        await SuggestAsync("LEARN-1",
            ("R50.9", "Fever"), ("I10", "Essential hypertension"), ("E11.9", "Type 2 diabetes mellitus without complications"));
        await SuggestAsync("LEARN-2", ("I10", "Essential hypertension"));
        await SuggestAsync("LEARN-3", ("I10", "Essential hypertension"));

        await ReviewAsync("LEARN-1", FirstFinalized, async (review, id, codes) =>
        {
            await review.DecideAsync(id, new Decision(codes["R50.9"], ReviewAction.Modify, Code: "R50.2"), Coder, default);
            await review.DecideAsync(id, new Decision(codes["I10"], ReviewAction.Accept), Coder, default);
            await review.DecideAsync(id, new Decision(codes["E11.9"], ReviewAction.Reject, ReasonCode: "not-documented"), Coder, default);
            var start = Note.IndexOf("Lobar pneumonia", StringComparison.Ordinal);
            var addition = new Addition(CodeSystem.Icd10Cm, "J18.9", start, start + "Lobar pneumonia".Length, "Lobar pneumonia");
            await review.AddAsync(id, addition, Coder, default);
            await review.FinalizeAsync(id, Coder, default);
        });
        await ReviewAsync("LEARN-2", SecondFinalized, async (review, id, codes) =>
        {
            await review.DecideAsync(id, new Decision(codes["I10"], ReviewAction.Accept), Coder, default);
            await review.FinalizeAsync(id, Coder, default);
        });
        await ReviewAsync("LEARN-3", SecondFinalized, (review, id, codes) =>
            review.DecideAsync(id, new Decision(codes["I10"], ReviewAction.Accept), Coder, default));
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await _database.DisposeAsync();
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<IReadOnlyList<FinalizedDocument>> ReadAsync(DateTimeOffset? since) =>
        WithAsync(sp =>
            new FinalizedGold(sp.GetRequiredService<CodingDbContext>(), sp.GetRequiredService<NoteProtector>(), TimeProvider.System)
                .ReadAsync(Actor.Cli(), since, default));

    /// <summary>The engine's suggestions, ranked in the order given, each with the note span of its phrase as evidence.</summary>
    private async Task SuggestAsync(string externalId, params (string Code, string Phrase)[] codes)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var encounter = await db.Encounters.SingleAsync(e => e.ExternalId == externalId);
        var set = new SuggestionSet
        {
            Id = Guid.NewGuid(), EncounterId = encounter.Id, Engine = "test", EngineVersion = "1", CodebookVersion = "2026",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        foreach (var (code, phrase) in codes)
        {
            var start = Note.IndexOf(phrase, StringComparison.Ordinal);
            set.Suggestions.Add(new Suggestion
            {
                Id = Guid.NewGuid(), SuggestionSetId = set.Id, EncounterId = encounter.Id, CodeSystem = CodeSystem.Icd10Cm, Code = code,
                CodebookVersion = "2026", Description = code, Confidence = 0.8, Rank = set.Suggestions.Count + 1,
                Status = SuggestionStatus.Suggested,
                Provenance = """{"engine":"test"}""", Evidence = [new EvidenceSpan { Start = start, End = start + phrase.Length }],
            });
        }
        db.SuggestionSets.Add(set);
        (encounter.Status, encounter.CodedAt, encounter.UpdatedAt) = (EncounterStatus.Coded, set.CreatedAt, set.CreatedAt);
        await db.SaveChangesAsync();
    }

    /// <summary>The coder claims the encounter and decides, all at <paramref name="at"/> (so finalizing happens then).</summary>
    private async Task ReviewAsync(string externalId, DateTimeOffset at, Func<ReviewService, Guid, Dictionary<string, Guid>, Task> decide)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CodingDbContext>();
        var clock = new FixedClock(at);
        var claims = new ClaimService(db, Options.Create(new ReviewOptions()), clock);
        var review = new ReviewService(db, sp.GetRequiredService<NoteProtector>(), sp.GetRequiredService<CodebookSearch>(), claims, clock,
            new Coding.Core.Severity.SeverityLookup(db));
        var id = Encounters[externalId];
        Assert.True((await claims.ClaimAsync(id, Coder, default)).Granted);
        var codes = await db.Suggestions.Where(s => s.EncounterId == id).ToDictionaryAsync(s => s.Code, s => s.Id);
        await decide(review, id, codes);
    }
}
