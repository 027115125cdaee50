using System.Security.Cryptography;
using Npgsql;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>A throwaway database on the real local PostgreSQL (pgvector comes from template1), dropped afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private ScratchDatabase(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(LocalInfrastructure.PostgresConnectionString) { Database = Name }.ConnectionString;

    public static async Task<ScratchDatabase> CreateAsync(string prefix)
    {
        var database = new ScratchDatabase($"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}");
        await AdminAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(LocalInfrastructure.PostgresConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
