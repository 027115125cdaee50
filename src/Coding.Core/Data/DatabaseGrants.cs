using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Data;

/// <summary>
/// What the app's login (API, workers, the CLI's everyday commands) may do, granted by the schema owner after every
/// migration. The app owns nothing, so it cannot ALTER a table (no DISABLE TRIGGER), and it is no superuser, so it
/// cannot SET session_replication_role = replica: the audit trigger always runs. On top of that the audit table is
/// INSERT and SELECT only, the codebooks are read-only (imports run as the owner) and nobody but the owner may
/// TRUNCATE anything.
/// </summary>
public static class DatabaseGrants
{
    /// <summary>Tables the app reads but never writes.</summary>
    public static readonly IReadOnlyList<string> ReadOnlyTables =
    [
        "ef_migrations_history", "codebook_releases", "codebook_codes", "codebook_sections", "codebook_terms",
        "codebook_notes", "poa_exempt_codes", "guideline_chunks", "severity_releases", "cc_mcc_codes", "pdx_exclusions",
        "hcc_mappings", "hcc_hierarchies", "hcc_categories",
    ];

    /// <summary>Append-only: rows are added and read, never changed (the trigger refuses it too, for every login).</summary>
    public const string AuditTable = "audit_entries";

    /// <summary>Idempotent: revokes everything, then grants the list again, so a right dropped here is dropped there.</summary>
    public static async Task GrantAppAsync(CodingDbContext owner, string appLogin, CancellationToken ct)
    {
        var app = Quote(appLogin);
        var readOnly = string.Join(", ", ReadOnlyTables.Select(Quote));
        var sql = $"""
            GRANT USAGE ON SCHEMA public TO {app};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app};
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {app};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
            REVOKE INSERT, UPDATE, DELETE ON {readOnly} FROM {app};
            REVOKE UPDATE, DELETE ON {Quote(AuditTable)} FROM {app};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app};
            """;
        await owner.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)owner.Database.GetDbConnection());
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await owner.Database.CloseConnectionAsync();
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
