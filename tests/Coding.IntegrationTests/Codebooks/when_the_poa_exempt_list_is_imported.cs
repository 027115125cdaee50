using Coding.Core;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Engine;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Codebooks;

/// <summary>
/// The CMS POA-exempt list, imported by the real importer into a database of its own (coding_poa_*) beside a ten-line
/// FY2026 order excerpt (B90-B91, E11, W19, Z79). The list excerpt names six codes; three of them are codes of the excerpt.
/// </summary>
public sealed class when_the_poa_exempt_list_is_imported : IAsyncLifetime
{
    private ScratchDatabase _database = null!;
    private IHost _host = null!;
    private string _root = null!;

    private string ListFile => Path.Combine(_root, "icd10cm-2026", "poa-exempt", "POAexemptCodesFY26.txt");

    public async Task InitializeAsync()
    {
        // A copy of the fixture folder, so a test can change the list the way a new CMS file would.
        _root = Directory.CreateTempSubdirectory("coding-poa-").FullName;
        var fixtures = Path.Combine(AppContext.BaseDirectory, "PoaFixtures");
        foreach (var file in Directory.EnumerateFiles(fixtures, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(fixtures, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _database = await ScratchDatabase.CreateAsync("coding_poa");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[$"ConnectionStrings:{Database.ConnectionStringName}"] = _database.ConnectionString;
        builder.Configuration[$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = _database.OwnerConnectionString;
        builder.AddCodingCore();
        builder.AddSuggestionEngine();
        _host = builder.Build();
        await using var scope = _host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _database.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CodebookImporter>()
            .ImportAsync(new ImportRequest(_root, new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
    }

    private async Task<(CodebookRelease Release, List<string> Codes)> StoredAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var release = await db.CodebookReleases.AsNoTracking().SingleAsync(r => r.System == CodeSystem.Icd10Cm && r.Version == "2026");
        var codes = await db.PoaExemptCodes.Where(p => p.ReleaseId == release.Id).Select(p => p.Code).OrderBy(c => c).ToListAsync();
        return (release, codes);
    }

    [Fact]
    public async Task the_codes_of_the_release_are_stored_without_dots_and_the_others_are_reported_and_skipped()
    {
        var report = await ImportAsync();

        var poa = Assert.Single(report.PoaExempt);
        Assert.Equal(("2026", ReleaseOutcome.Imported, 3, 3), (poa.Version, poa.Outcome, poa.Codes, poa.Unknown));
        Assert.Contains(report.Warnings, w => w.Contains("3 codes are not codes of icd10cm 2026", StringComparison.Ordinal)
            && w.Contains("QA00101", StringComparison.Ordinal) && w.Contains("W16011D", StringComparison.Ordinal) && w.Contains("Y92009", StringComparison.Ordinal));
        Assert.Contains(report.Timings.Keys, k => k == "icd10cm 2026 POA-exempt list");
        var (release, codes) = await StoredAsync();
        Assert.Equal(["B900", "B91", "Z794"], codes);
        Assert.Equal(3, release.PoaExemptCount);
        Assert.NotNull(release.PoaExemptHash);
    }

    [Fact]
    public async Task a_second_import_of_the_same_files_writes_nothing()
    {
        await ImportAsync();
        var (first, _) = await StoredAsync();

        var again = await ImportAsync();

        Assert.All(again.Releases, r => Assert.Equal(ReleaseOutcome.Unchanged, r.Outcome));
        var poa = Assert.Single(again.PoaExempt);
        Assert.Equal((ReleaseOutcome.Unchanged, 3), (poa.Outcome, poa.Codes));
        Assert.DoesNotContain(again.Warnings, w => w.Contains("POAexempt", StringComparison.Ordinal));
        Assert.DoesNotContain(again.Timings.Keys, k => k.Contains("POA-exempt", StringComparison.Ordinal));
        var (second, codes) = await StoredAsync();
        Assert.Equal(["B900", "B91", "Z794"], codes);
        Assert.Equal((first.Id, first.ContentHash, first.PoaExemptHash), (second.Id, second.ContentHash, second.PoaExemptHash));
    }

    [Fact]
    public async Task a_new_list_replaces_the_stored_one_without_reimporting_the_release()
    {
        await ImportAsync();
        var (first, _) = await StoredAsync();
        // CMS takes B91 off the list.
        await File.WriteAllLinesAsync(ListFile, File.ReadAllLines(ListFile).Where(l => !l.Contains("\tB91\t", StringComparison.Ordinal)));

        var again = await ImportAsync();

        Assert.Equal(ReleaseOutcome.Unchanged, Assert.Single(again.Releases).Outcome);
        Assert.Equal((ReleaseOutcome.Replaced, 2), (Assert.Single(again.PoaExempt).Outcome, again.PoaExempt[0].Codes));
        var (second, codes) = await StoredAsync();
        Assert.Equal(["B900", "Z794"], codes);
        Assert.Equal((first.Id, first.ContentHash), (second.Id, second.ContentHash));
        Assert.NotEqual(first.PoaExemptHash, second.PoaExemptHash);
    }

    [Fact]
    public async Task the_lexicon_of_the_release_in_force_knows_the_list()
    {
        await ImportAsync();

        var lexicon = await _host.Services.GetRequiredService<TermLexiconProvider>().ForAsync(CodeSystem.Icd10Cm, new DateOnly(2026, 3, 1), default);

        Assert.True(lexicon.HasPoaExemptList);
        Assert.True(lexicon.IsPoaExempt("Z794"));
        Assert.True(lexicon.IsPoaExempt("B900"));
        Assert.False(lexicon.IsPoaExempt("W19XXXA"));
        Assert.False(lexicon.IsPoaExempt("E119"));
    }
}
