using System.Security.Cryptography;
using Coding.Core;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Ingest;
using Coding.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// The pipeline's real parts wired as in production (same setup methods as the hosts), on an isolated database and
/// vhost: a services container for ingest and queries, and worker hosts that can be started and stopped at will.
/// </summary>
public sealed class PipelineHarness : IAsyncLifetime
{
    private const string OwnerKey = $"ConnectionStrings:{Database.OwnerConnectionStringName}";
    private readonly Dictionary<string, string?> _settings = [];
    private IHost? _services;

    public IsolatedEnvironment Environment { get; private set; } = null!;
    public IServiceProvider Services => _services!.Services;

    public async Task InitializeAsync()
    {
        Environment = await IsolatedEnvironment.CreateAsync("coding_it");
        _settings["ConnectionStrings:Coding"] = Environment.ConnectionString;
        _settings[OwnerKey] = Environment.OwnerConnectionString;
        _settings["Messaging:RabbitMqUri"] = Environment.RabbitMqUri.ToString();
        _settings["Messaging:RetryLimit"] = "3";
        _settings["Messaging:RetryMinInterval"] = "00:00:00.050";
        _settings["Messaging:RetryMaxInterval"] = "00:00:00.200";
        _settings["Messaging:OutboxPollInterval"] = "00:00:00.050";
        _settings["NoteProtection:ActiveKeyId"] = "test-1";
        _settings["NoteProtection:Keys:test-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _settings["NoteProtection:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _settings["Logging:LogLevel:Default"] = "Warning";
        _settings[TestEmbedder.Key] = TestEmbedder.Kind;
        // Pipeline tests exercise the plumbing on databases without codebooks; engine tests opt in to the real engine.
        _settings["Engine:Kind"] = "none";

        var builder = CreateBuilder();
        builder.AddCodingCore();
        _services = builder.Build();
        await using var scope = Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
    }

    /// <summary>A worker host exactly as Coding.Worker's Program builds it, plus optional test overrides.</summary>
    public IHost CreateWorker(Action<IServiceCollection>? overrides = null, int concurrency = 8, IDictionary<string, string?>? settings = null)
    {
        var builder = CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:ConcurrencyLimit"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCodingCore();
        builder.AddCodingWorker();
        overrides?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>This harness's settings plus <paramref name="extra"/>: what a worker process of this environment is started with.</summary>
    public Dictionary<string, string?> ProcessSettings(IDictionary<string, string?>? extra = null)
    {
        // A worker process never gets the owner's login, as on a site.
        var all = _settings.Where(s => s.Key != OwnerKey).ToDictionary();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            all[key] = value;
        return all;
    }

    /// <summary>Imports an ICD-10-CM FY2026 release from real order-file and Tabular excerpts (seconds), for the deterministic engine.</summary>
    public async Task ImportEngineExcerptAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Core.Codebooks.Import.CodebookImporter>();
        var root = Path.Combine(AppContext.BaseDirectory, "EngineFixtures");
        await importer.ImportAsync(new Core.Codebooks.Import.ImportRequest(root, new HashSet<Core.Suggestions.CodeSystem> { Core.Suggestions.CodeSystem.Icd10Cm }), null, default);
    }

    public async Task<IReadOnlyList<IngestResult>> IngestAsync(IEnumerable<ValidEncounter> encounters)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EncounterIngestor>().IngestAsync(encounters.ToList(), new Actor("test", "admin", "test"), default);
    }

    public async Task<T> QueryAsync<T>(Func<CodingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CodingDbContext>());
    }

    /// <summary>
    /// Drops this harness's pooled connections: after a PostgreSQL restart each idle one would fail its next command once.
    /// (EF Core's data source keeps its own pool, which NpgsqlConnection.ClearAllPools does not reach.)
    /// </summary>
    public async Task ClearConnectionPoolAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<CodingDbContext>().Database.GetDbConnection() is Npgsql.NpgsqlConnection connection)
            Npgsql.NpgsqlConnection.ClearPool(connection);
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public Task<int> CodedCountAsync() => QueryAsync(db => db.Encounters.CountAsync(e => e.Status == Core.Encounters.EncounterStatus.Coded));

    public async Task DisposeAsync()
    {
        _services?.Dispose();
        await Environment.DisposeAsync();
    }

    private HostApplicationBuilder CreateBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole();
        // Everything from Information up also goes to a file the log scan reads (security: no note text in any log).
        builder.Logging.AddProvider(new FileLoggerProvider()).AddFilter<FileLoggerProvider>(null, LogLevel.Information)
            .AddFilter<FileLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        return builder;
    }
}
