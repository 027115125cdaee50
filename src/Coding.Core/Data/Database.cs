using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Data;

public static class Database
{
    public const string ConnectionStringName = "Coding";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithoutResetOnClose(connectionString), npgsql => npgsql.UseVector().MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Pooled connections are not reset with DISCARD ALL when returned: the worker opens and closes one about three
    /// times per encounter, and nothing of ours leaves session state behind (advisory locks are transaction-scoped or
    /// explicitly released; the importer's SET of maintenance memory only matters on the connection that builds indexes).
    /// </summary>
    private static string WithoutResetOnClose(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

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
