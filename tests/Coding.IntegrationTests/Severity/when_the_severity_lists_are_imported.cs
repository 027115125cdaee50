using Coding.Core;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Severity;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Severity;

/// <summary>
/// The real importer into a database of its own (coding_sev_*), from a source folder that links the official
/// cms-hcc-2026 and msdrg-v43 folders and holds a small msdrg-v42 appendix C the tests rewrite the way a new CMS file would.
/// </summary>
public sealed class when_the_severity_lists_are_imported : IAsyncLifetime
{
    private const string SmallAppendix = """
        Appendix C Part 1: List of CC and Major CC Codes
         I10 Dx  Lev PDX Exclusions   ICD-10-CM Description
         A021    MCC 0002:1 code      Salmonella sepsis
         E871    CC  No Excl          Hypo-osmolality and hyponatremia

        PDX collection 0002
          A021    Salmonella sepsis

        Appendix C Part 2: Codes that are CC or Major CC only if patient discharged alive

        Appendix C Part 3: Secondary Diagnosis CC/MCC Severity Exclusions in Select MS-DRGs
        """;

    private ScratchDatabase _database = null!;
    private IHost _host = null!;
    private string _root = null!;

    private string SmallFile => Path.Combine(_root, "msdrg-v42", SeverityImporter.AppendixCFile);

    public async Task InitializeAsync()
    {
        var official = CodebookSources.ResolveRoot() ?? throw new InvalidOperationException("../shared/codebooks not found");
        _root = Directory.CreateTempSubdirectory("coding-sev-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(_root, "msdrg-v43"), Path.Combine(official, "msdrg-v43"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "cms-hcc-2026"), Path.Combine(official, "cms-hcc-2026"));
        Directory.CreateDirectory(Path.GetDirectoryName(SmallFile)!);
        await File.WriteAllTextAsync(SmallFile, SmallAppendix);

        _database = await ScratchDatabase.CreateAsync("coding_sev");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[$"ConnectionStrings:{Database.ConnectionStringName}"] = _database.ConnectionString;
        builder.Configuration[$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = _database.OwnerConnectionString;
        builder.AddCodingCore();
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

    private async Task<IReadOnlyList<SeverityImportResult>> ImportAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SeverityImporter>().ImportAsync(_root, default);
    }

    private async Task<T> WithDbAsync<T>(Func<CodingDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CodingDbContext>());
    }

    [Fact]
    public async Task each_version_is_stored_with_its_effective_dates_and_validated_counts_and_a_second_run_changes_nothing()
    {
        var first = await ImportAsync();
        Assert.Equal(["CcMcc v42 Imported 2", "CcMcc v43 Imported 18432", "Hcc V28 PY2026 Imported 8299"],
            first.Select(r => $"{r.Kind} {r.Version} {r.Outcome} {r.Entries}").Order());
        var releases = await WithDbAsync(db => db.Set<SeverityRelease>().AsNoTracking().OrderBy(r => r.Version).ToListAsync());
        var v43 = releases.Single(r => r.Version == "v43");
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30)), (v43.EffectiveFrom, v43.EffectiveTo));
        Assert.Equal(180_403, v43.ExclusionCount);
        Assert.Equal(18_432, await WithDbAsync(db => db.Set<CcMccCode>().CountAsync(c => c.ReleaseId == v43.Id)));
        Assert.Equal(149, await WithDbAsync(db => db.Set<HccHierarchy>().CountAsync()));

        var second = await ImportAsync();
        Assert.All(second, r => Assert.Equal(ReleaseOutcome.Unchanged, r.Outcome));
        var after = await WithDbAsync(db => db.Set<SeverityRelease>().AsNoTracking().OrderBy(r => r.Version).ToListAsync());
        Assert.Equal(releases.Select(r => $"{r.Id} {r.ContentHash} {r.ImportedAt:O}"), after.Select(r => $"{r.Id} {r.ContentHash} {r.ImportedAt:O}"));
    }

    [Fact]
    public async Task a_changed_file_replaces_its_version_only_and_a_file_whose_counts_disagree_is_refused_leaving_the_stored_one()
    {
        await ImportAsync();
        await File.WriteAllTextAsync(SmallFile, SmallAppendix.Replace(" E871    CC  No Excl ", " E871    MCC No Excl ", StringComparison.Ordinal));
        var changed = await ImportAsync();
        Assert.Equal(ReleaseOutcome.Replaced, changed.Single(r => r.Version == "v42").Outcome);
        Assert.Equal(ReleaseOutcome.Unchanged, changed.Single(r => r.Version == "v43").Outcome);
        Assert.Equal(CcMccLevel.Mcc, await WithDbAsync(db => db.Set<CcMccCode>()
            .Where(c => c.Code == "E871" && db.Set<SeverityRelease>().Any(r => r.Id == c.ReleaseId && r.Version == "v42")).Select(c => c.Level).SingleAsync()));

        await File.WriteAllTextAsync(SmallFile, SmallAppendix.Replace("0002:1 code ", "0002:3 codes", StringComparison.Ordinal));
        var refused = (await ImportAsync()).Single(r => r.Version == "v42");
        Assert.Equal(ReleaseOutcome.Refused, refused.Outcome);
        Assert.Contains("collection 0002 has 3 codes", refused.Note);
        Assert.Equal(2, await WithDbAsync(db => db.Set<CcMccCode>().CountAsync(c => db.Set<SeverityRelease>().Any(r => r.Id == c.ReleaseId && r.Version == "v42"))));
    }

    [Fact]
    public async Task the_lookup_grades_with_the_version_in_force_on_the_date_of_service()
    {
        await ImportAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        var lookup = scope.ServiceProvider.GetRequiredService<SeverityLookup>();
        // J96.01 acute respiratory failure with hypoxia (MCC), E11.9 no CC; I50.22 chronic systolic HF (CC, HCC 226);
        // I50.21 acute systolic HF (MCC, HCC 225 trumps 226).
        var fy2026 = await lookup.GradeAsync(new DateOnly(2026, 3, 2), ["E119", "J9601", "I5022", "I5021"], "E119", default);
        Assert.Equal(SeverityTier.WithMcc, fy2026.Tier);
        Assert.Equal("MS-DRG v43", fy2026.CcMccRelease);
        Assert.Equal("CMS-HCC V28 PY2026", fy2026.HccRelease);
        Assert.Contains(fy2026.Codes, c => c.Code == "I5022" && c.HccsTrumped.Count > 0);

        var fy2025 = await lookup.GradeAsync(new DateOnly(2025, 3, 2), ["A021", "E871"], "Z0000", default);
        Assert.Equal("MS-DRG v42", fy2025.CcMccRelease);
        Assert.Equal(SeverityTier.WithMcc, fy2025.Tier);
    }
}
