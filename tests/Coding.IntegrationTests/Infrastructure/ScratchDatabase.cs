using System.Security.Cryptography;
using Coding.Core.Data;
using Npgsql;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway database on the real local PostgreSQL (pgvector comes from template1), dropped afterwards. Created,
/// migrated and granted exactly as a site's database is: by the schema owner, with the app's login given only
/// <see cref="DatabaseGrants"/>; hosts under test connect as the app (<see cref="ConnectionString"/>).
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private ScratchDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>As the app's login (ConnectionStrings:Coding).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(LocalInfrastructure.PostgresConnectionString) { Database = Name }.ConnectionString;

    /// <summary>As the schema owner (ConnectionStrings:CodingOwner): for migrations and codebook imports.</summary>
    public string OwnerConnectionString => new NpgsqlConnectionStringBuilder(LocalInfrastructure.PostgresOwnerConnectionString) { Database = Name }.ConnectionString;

    /// <summary>Both connection strings, as a host's configuration.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        [$"ConnectionStrings:{Database.ConnectionStringName}"] = ConnectionString,
        [$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = OwnerConnectionString,
        [TestEmbedder.Key] = TestEmbedder.Kind,
    };

    public static async Task<ScratchDatabase> CreateAsync(string prefix)
    {
        var database = new ScratchDatabase($"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}");
        await AdminAsync($"CREATE DATABASE \"{database.Name}\"");
        await using var owner = Database.CreateContext(database.OwnerConnectionString);
        await Database.MigrateAsync(owner, default);
        await DatabaseGrants.GrantAppAsync(owner, new NpgsqlConnectionStringBuilder(LocalInfrastructure.PostgresConnectionString).Username!, default);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(LocalInfrastructure.PostgresOwnerConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
