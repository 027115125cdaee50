using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coding.Core.Data;

public static class Database
{
    public const string ConnectionStringName = "Coding";

    /// <summary>
    /// The schema owner's login (optional): migrations and codebook imports (index DDL) run as it. The app's own login
    /// (<see cref="ConnectionStringName"/>) owns nothing and gets only <see cref="DatabaseGrants"/>; without this
    /// setting both are the same login (a single-login site).
    /// </summary>
    public const string OwnerConnectionStringName = "CodingOwner";

    /// <summary>The DI key of the <see cref="CodingDbContext"/> connected as the schema owner.</summary>
    public const string Owner = "owner";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(PooledConnectionSettings(connectionString), npgsql => npgsql.UseVector().MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Connection settings for a worker that repeats the same dozen statements for every encounter:
    /// - pooled connections are not reset with DISCARD ALL when returned (the worker opens and closes one about three
    ///   times per encounter, and nothing of ours leaves session state behind: advisory locks are transaction-scoped
    ///   or explicitly released; the importer's SET of maintenance memory only matters to the connection that builds indexes);
    /// - statements used twice on a connection are prepared (unless the connection string says otherwise), so PostgreSQL
    ///   stops parsing and planning them every time: bench pipeline, 4,000 encounters, PostgreSQL CPU 3.2-3.9 -> 2.0 ms
    ///   per encounter and the worker's 6.8-7.7 -> 6.2 ms.
    /// </summary>
    private static string PooledConnectionSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>A context on its own connection (not pooled), e.g. as the schema owner.</summary>
    public static CodingDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CodingDbContext>();
        Configure(options, connectionString);
        return new CodingDbContext(options.Options);
    }

    /// <summary>
    /// Applies pending migrations as the schema owner and grants the app's login its rights (when it is another login).
    /// Safe to call from several processes: PostgreSQL serialises the migrations with a lock.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var owner = services.GetRequiredKeyedService<CodingDbContext>(Owner);
        await MigrateAsync(owner, ct);
        var app = services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
        var appLogin = app is null ? null : new NpgsqlConnectionStringBuilder(app).Username;
        var ownerLogin = new NpgsqlConnectionStringBuilder(owner.Database.GetConnectionString()).Username;
        if (appLogin is not null && !string.Equals(appLogin, ownerLogin, StringComparison.Ordinal))
            await DatabaseGrants.GrantAppAsync(owner, appLogin, ct);
    }

    /// <summary>
    /// Applies pending migrations on this context's connection; with none pending it changes nothing, so a host on the
    /// app's login (which may not run DDL) can call it to check that the schema is current.
    /// </summary>
    public static async Task MigrateAsync(CodingDbContext db, CancellationToken ct)
    {
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
            return;
        await db.Database.MigrateAsync(ct);
        // The vector type may have been created by this very migration; make Npgsql learn it for pooled connections.
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            await db.Database.OpenConnectionAsync(ct);
            await connection.ReloadTypesAsync(ct);
            await db.Database.CloseConnectionAsync();
        }
    }
}
