using Coding.Core;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Engine;

/// <summary>
/// Dense retrieval through the real PostgreSQL + pgvector: a database of its own (coding_dense_*) holding the ICD-10-CM
/// FY2026 engine excerpt (imported, embedded and HNSW-indexed by the real importer, seconds), searched in one round trip.
/// </summary>
public sealed class when_dense_candidates_are_retrieved : IAsyncLifetime
{
    private const string Note = "ASSESSMENT: Essential hypertensive disease. No lobar pneumonias.";

    private ScratchDatabase _database = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("coding_dense");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[$"ConnectionStrings:{Database.ConnectionStringName}"] = _database.ConnectionString;
        builder.Configuration[$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = _database.OwnerConnectionString;
        builder.Configuration["Engine:Dense"] = "true";
        builder.Configuration["Engine:DenseMinSimilarity"] = "0";
        builder.AddCodingCore();
        builder.AddSuggestionEngine();
        _host = builder.Build();
        await using var scope = _host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
        var root = Path.Combine(AppContext.BaseDirectory, "EngineFixtures");
        await scope.ServiceProvider.GetRequiredService<CodebookImporter>().ImportAsync(new ImportRequest(root, new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _database.DisposeAsync();
    }

    private Task<TermLexicon> LexiconAsync() =>
        _host.Services.GetRequiredService<TermLexiconProvider>().ForAsync(CodeSystem.Icd10Cm, new DateOnly(2026, 3, 1), default);

    [Fact]
    public async Task every_phrase_is_searched_in_one_round_trip_and_hits_are_codes_of_the_release_in_force_at_the_phrase()
    {
        var lexicon = await LexiconAsync();
        var pass = DeterministicCoder.Match(Note, lexicon, CodingPriors.Empty, CareSetting.Inpatient);
        var phrases = DensePhrases.Eligible(pass.Note, CareSetting.Inpatient);
        var retrieval = await _host.Services.GetRequiredService<DenseRetriever>().RetrieveAsync(lexicon, phrases, default);

        Assert.Equal(phrases.Count, retrieval.Phrases);
        Assert.NotEmpty(retrieval.Hits);
        Assert.All(retrieval.Hits, h =>
        {
            Assert.NotNull(lexicon.Code(h.Code));
            Assert.Contains(phrases, p => p.Start == h.Start && p.End == h.End);
            Assert.InRange(h.Similarity, -1, 1);
            Assert.InRange(h.Rank, 1, 3);
        });
        // The negated phrase is never searched; the hypertension phrase finds I10 first.
        Assert.DoesNotContain(phrases, p => p.Text.Contains("pneumonia", StringComparison.OrdinalIgnoreCase));
        var hypertensive = Assert.Single(phrases, p => p.Text == "Essential hypertensive disease");
        Assert.Equal("I10", retrieval.Hits.Where(h => h.Start == hypertensive.Start).MinBy(h => h.Rank)!.Code);
    }

    [Fact]
    public async Task dense_candidates_carry_the_phrase_as_a_valid_evidence_span()
    {
        var lexicon = await LexiconAsync();
        var settings = new DenseSettings(12, 3, 0, DenseScope.All);
        var pass = DeterministicCoder.Match(Note, lexicon, CodingPriors.Empty, CareSetting.Inpatient);
        var retrieval = await _host.Services.GetRequiredService<DenseRetriever>().RetrieveAsync(lexicon, DensePhrases.Select(pass.Note, pass.Candidates, CareSetting.Inpatient, settings), default);
        var run = DeterministicCoder.Code(pass, retrieval.Hits, settings, lexicon, CodingPriors.Empty, CareSetting.Inpatient, null, PatientSex.Unknown);

        var dense = run.Candidates.Candidates.SelectMany(c => c.Mentions.Where(m => m.Dense is not null).Select(m => (c.Code, m))).ToList();
        Assert.NotEmpty(dense);
        Assert.All(dense, d =>
        {
            Assert.True(EngineEvaluation.SpanIsValid(Note, d.m.Match.Start, d.m.Match.End));
            Assert.True(lexicon.Code(d.Code)!.Billable);
        });
        Assert.Contains(dense, d => d.Code == "I10" && Note[d.m.Match.Start..d.m.Match.End] == "Essential hypertensive disease");
        Assert.DoesNotContain(run.Candidates.Candidates, c => c.Code.StartsWith("J18", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_release_that_is_not_loaded_yields_no_hits()
    {
        var lexicon = await LexiconAsync();
        var other = new TermLexicon(CodeSystem.Icd10Cm, "1999", [new LexiconCode("I10", "Essential (primary) hypertension", true, null)], [], []);
        var phrases = DensePhrases.Eligible(DeterministicCoder.Match(Note, lexicon, CodingPriors.Empty, CareSetting.Inpatient).Note, CareSetting.Inpatient);

        var retrieval = await _host.Services.GetRequiredService<DenseRetriever>().RetrieveAsync(other, phrases, default);

        Assert.Empty(retrieval.Hits);
    }
}
