using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.IntegrationTests.Storage;

public sealed class the_audit_trail(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'someone-else'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    public async Task is_append_only_in_the_database_itself_even_for_the_owner(string sql)
    {
        // The app's login has no such rights at all (Security/the_database_logins); the trigger holds for the owner too.
        await harness.IngestAsync(SampleEncounters.Make(1, "AUDIT"));
        var before = await harness.QueryAsync(db => db.AuditEntries.CountAsync());
        Assert.True(before > 0);

        await using var owner = new NpgsqlConnection(harness.Environment.OwnerConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand(sql, owner);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await harness.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task records_each_note_write_with_ids_only()
    {
        var stored = (await harness.IngestAsync(SampleEncounters.Make(3, "WHO"))).Select(r => r.EncounterId.ToString()).ToList();

        var rows = await harness.QueryAsync(db => db.AuditEntries.Where(a => stored.Contains(a.EntityId)).ToListAsync());

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("note.write", r.Action);
            Assert.Equal("test", r.Actor);
            Assert.DoesNotContain("hypertension", r.Detail ?? "", StringComparison.OrdinalIgnoreCase);
        });
    }
}
