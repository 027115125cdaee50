using Coding.IntegrationTests.Infrastructure;
using Npgsql;

namespace Coding.IntegrationTests.Security;

/// <summary>
/// The app (API, workers) signs in to PostgreSQL as a login that is neither superuser nor owner, with only the rights
/// <c>DatabaseGrants</c> gives it: whoever takes over the app cannot rewrite the audit trail, not even in one
/// statement that switches the trigger off.
/// </summary>
public sealed class the_database_logins(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task the_app_login_is_neither_superuser_nor_owner_of_anything()
    {
        var role = await AsAppAsync<string>("""
            SELECT ARRAY[rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls]::text
                || ' ' || (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relowner = r.oid)
                || ' ' || (SELECT datdba = r.oid FROM pg_database WHERE datname = current_database())
            FROM pg_roles r WHERE rolname = current_user
            """);

        // superuser, createrole, createdb, replication, bypassrls; tables/indexes/sequences owned; owns the database
        Assert.Equal("{f,f,f,f,f} 0 false", role.Single());
    }

    [Theory]
    [InlineData("audit_entries", "SELECT", true)]
    [InlineData("audit_entries", "INSERT", true)]
    [InlineData("audit_entries", "UPDATE", false)]
    [InlineData("audit_entries", "DELETE", false)]
    [InlineData("audit_entries", "TRUNCATE", false)]
    [InlineData("audit_entries", "TRIGGER", false)]
    [InlineData("encounters", "UPDATE", true)]
    [InlineData("encounters", "TRUNCATE", false)]
    [InlineData("codebook_codes", "SELECT", true)]
    [InlineData("codebook_codes", "INSERT", false)]
    [InlineData("ef_migrations_history", "INSERT", false)]
    public async Task the_app_login_has_exactly_the_rights_it_needs(string table, string privilege, bool granted)
    {
        var has = await AsAppAsync<bool>($"SELECT has_table_privilege(current_user, '{table}', '{privilege}')");

        Assert.Equal(granted, has.Single());
    }

    [Fact]
    public async Task no_table_may_be_truncated_or_have_its_triggers_changed_by_the_app()
    {
        var tables = await AsAppAsync<string>("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND (has_table_privilege(current_user, c.oid, 'TRUNCATE')
                   OR has_table_privilege(current_user, c.oid, 'TRIGGER')
                   OR has_table_privilege(current_user, c.oid, 'REFERENCES'))
            """);

        Assert.Empty(tables);
    }

    [Theory]
    [InlineData("SET LOCAL session_replication_role = replica; UPDATE audit_entries SET actor = 'someone-else'")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER ALL; UPDATE audit_entries SET actor = 'someone-else'")]
    [InlineData("UPDATE audit_entries SET actor = 'someone-else'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("SET ROLE coding_owner; UPDATE audit_entries SET actor = 'someone-else'")]
    [InlineData("DROP TABLE audit_entries")]
    public async Task every_way_around_the_append_only_audit_trail_is_refused_to_the_app(string bypass)
    {
        await harness.IngestAsync(SampleEncounters.Make(1, "BYPASS"));
        var before = await AsOwnerAsync<string>("SELECT string_agg(actor || action, ',' ORDER BY id) FROM audit_entries");

        await using var connection = new NpgsqlConnection(harness.Environment.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var command = new NpgsqlCommand(bypass, connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(before, await AsOwnerAsync<string>("SELECT string_agg(actor || action, ',' ORDER BY id) FROM audit_entries"));
    }

    [Fact]
    public async Task the_old_fixed_password_opens_nothing()
    {
        foreach (var login in new[] { "coding_app", "coding_owner", "coding", "postgres" })
        {
            var fixedPassword = new NpgsqlConnectionStringBuilder(harness.Environment.ConnectionString)
                { Username = login, Password = "coding", Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(fixedPassword);

            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

            // 28P01 wrong password; 28000 for `coding` on a cluster converted from the old superuser (NOLOGIN now).
            Assert.Contains(refused.SqlState, new[] { PostgresErrorCodes.InvalidPassword, PostgresErrorCodes.InvalidAuthorizationSpecification });
        }
    }

    private Task<List<T>> AsAppAsync<T>(string sql) => QueryAsync<T>(harness.Environment.ConnectionString, sql);

    private async Task<T> AsOwnerAsync<T>(string sql) => (await QueryAsync<T>(harness.Environment.OwnerConnectionString, sql)).Single();

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }
}
