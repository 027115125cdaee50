using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Data;

public static class Database
{
    public const string ConnectionStringName = "Coding";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.UseVector().MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

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
