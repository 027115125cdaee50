using Coding.Core;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Codebooks;

/// <summary>
/// A fresh database (coding_cb_*) with every codebook under ../shared/codebooks imported once for the whole collection:
/// the full official files, read in place. Dropped afterwards.
/// </summary>
public sealed class CodebookDatabase : IAsyncLifetime
{
    private ScratchDatabase _database = null!;

    public IHost Host { get; private set; } = null!;
    public string SourceRoot { get; } = CodebookSources.ResolveRoot()
        ?? throw new InvalidOperationException("../shared/codebooks not found beside the repository (or set CODING_CODEBOOKS)");
    public ImportReport FirstImport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("coding_cb");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[$"ConnectionStrings:{Database.ConnectionStringName}"] = _database.ConnectionString;
        builder.Configuration[$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = _database.OwnerConnectionString;
        builder.AddCodingCore();
        Host = builder.Build();
        await using var scope = Host.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
        FirstImport = await scope.ServiceProvider.GetRequiredService<CodebookImporter>().ImportAsync(new ImportRequest(SourceRoot), null, default);
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await _database.DisposeAsync();
    }

    public AsyncServiceScope Scope() => Host.Services.CreateAsyncScope();
}

[CollectionDefinition(Name)]
public sealed class CodebookCollection : ICollectionFixture<CodebookDatabase>
{
    public const string Name = "codebooks";
}
