using Coding.Core;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Evaluation.Runs;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Cdi;

/// <summary>
/// A scratch database holding the ICD-10-CM FY2026 excerpt release (the engine tests' real order-file and Tabular
/// excerpts) and services wired as the API wires them for evaluation runs, with gold sets: the repository's
/// cdi-smoke set, and one whose file does not exist.
/// </summary>
public sealed class EvalRunHost : IAsyncLifetime
{
    private ScratchDatabase _database = null!;
    public IHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("coding_cdi");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{Database.ConnectionStringName}"] = _database.ConnectionString,
            [$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = _database.OwnerConnectionString,
            [TestEmbedder.Key] = TestEmbedder.Kind,
            ["NoteProtection:ActiveKeyId"] = "k",
            ["NoteProtection:Keys:k"] = Convert.ToBase64String(new byte[32]),
            ["NoteProtection:HashKey"] = Convert.ToBase64String(new byte[32]),
            ["Cdi:BatchSize"] = "2",
            ["Cdi:GoldSets:0:Name"] = "cdi-smoke",
            ["Cdi:GoldSets:0:Kind"] = "jsonl",
            ["Cdi:GoldSets:0:Path"] = Path.Combine(AppContext.BaseDirectory, "Gold", "cdi-smoke.jsonl"),
            ["Cdi:GoldSets:1:Name"] = "missing",
            ["Cdi:GoldSets:1:Kind"] = "jsonl",
            ["Cdi:GoldSets:1:Path"] = Path.Combine(AppContext.BaseDirectory, "Gold", "no-such-file.jsonl"),
            ["Cdi:GoldSets:2:Name"] = "codiesp-smoke",
            ["Cdi:GoldSets:2:Kind"] = "codiesp",
            ["Cdi:GoldSets:2:Path"] = Path.Combine(AppContext.BaseDirectory, "Cdi", "CodiEspSmoke"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole();
        builder.AddCodingCore();
        builder.AddEvalRuns();
        Host = builder.Build();
        await using var scope = Host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
        await scope.ServiceProvider.GetRequiredService<CodebookImporter>()
            .ImportAsync(new ImportRequest(Path.Combine(AppContext.BaseDirectory, "EngineFixtures"), new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
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
}
