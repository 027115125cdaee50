using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Data;

public static class Database
{
    public const string ConnectionStringName = "Coding";

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

    /// <summary>Applies pending migrations. Safe to call from several processes: PostgreSQL serialises them with an advisory lock.</summary>
    public static async Task MigrateAsync(CodingDbContext db, CancellationToken ct)
    {
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
