using Coding.Core;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coding.IntegrationTests.Codebooks;

/// <summary>
/// A fresh database (coding_cb_*) with every codebook under ../shared/codebooks imported once for the whole collection:
/// the full official files, read in place. Dropped afterwards.
/// </summary>
public sealed class CodebookDatabase : IAsyncLifetime
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=55432;Database=coding;Username=coding;Password=coding";

    private readonly string _baseConnection = Environment.GetEnvironmentVariable("ConnectionStrings__Coding") ?? DefaultConnection;
    private readonly string _database = $"coding_cb_{Guid.NewGuid():N}"[..24];

    public IHost Host { get; private set; } = null!;
    public string SourceRoot { get; } = CodebookSources.ResolveRoot()
        ?? throw new InvalidOperationException("../shared/codebooks not found beside the repository (or set CODING_CODEBOOKS)");
    public ImportReport FirstImport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await AdminAsync($"CREATE DATABASE {_database}");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[$"ConnectionStrings:{Database.ConnectionStringName}"] = new NpgsqlConnectionStringBuilder(_baseConnection) { Database = _database }.ConnectionString;
        builder.AddCodingCore();
        Host = builder.Build();
        await using var scope = Host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
        FirstImport = await scope.ServiceProvider.GetRequiredService<CodebookImporter>().ImportAsync(new ImportRequest(SourceRoot), null, default);
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    public AsyncServiceScope Scope() => Host.Services.CreateAsyncScope();

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_baseConnection) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CodebookCollection : ICollectionFixture<CodebookDatabase>
{
    public const string Name = "codebooks";
}
