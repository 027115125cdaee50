using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Coding.Core.Suggestions;

/// <summary>
/// Everything the worker writes for one coded message, in one round trip: the inbox claim, the suggestion set, its
/// suggestions and evidence spans (set-based INSERTs over arrays), the encounter's new status, the audit rows and the
/// CodesSuggested outbox row. This is the worker's hot path: through EF's change tracker the ~15 rows of a typical set
/// cost about 1 ms of worker CPU per encounter, and the encounter, audit and outbox rows another SaveChanges, a
/// transaction begin and a commit (four round trips in all, now one).
/// </summary>
/// <remarks>
/// <para>
/// One <see cref="NpgsqlBatch"/> outside an explicit transaction is one implicit transaction (a single Sync at its
/// end): the first error skips the later statements and rolls back the earlier ones, so the rows commit together or
/// not at all, as they did under BeginTransaction/Commit.
/// </para>
/// <para>
/// The claim comes first, as before: its INSERT … ON CONFLICT DO NOTHING waits for a concurrent duplicate's
/// uncommitted claim and then finds the row taken. The set is inserted only from the claim's RETURNING, and every
/// later statement only when that set exists (its id is new, so it exists only if this batch inserted it): a
/// duplicate writes nothing, and the set statement's row count (0) says so.
/// </para>
/// <para>
/// Column names follow the EF model (snake_case); the integration tests read every row back through EF, so a model
/// change that this file misses fails there.
/// </para>
/// </remarks>
internal static class SuggestionRows
{
    private const string ClaimAndInsertSet = """
        WITH claim AS (
            INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ($3, $9, $8)
            ON CONFLICT DO NOTHING
            RETURNING message_id)
        INSERT INTO suggestion_sets (id, encounter_id, source_message_id, engine, engine_version, codebook_version, adjudication, created_at, policy)
        SELECT $1, $2, message_id, $4, $5, $6, $7::jsonb, $8, $10 FROM claim
        """;

    private const string InsertSuggestions = """
        INSERT INTO suggestions (id, suggestion_set_id, encounter_id, code_system, code, codebook_version, description, confidence, rank, status, provenance,
            role, poa)
        SELECT id, $2, $3, code_system, code, codebook_version, description, confidence, rank, status, provenance::jsonb, role, poa
        FROM unnest($1::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[])
            AS s(id, code_system, code, codebook_version, description, confidence, rank, status, provenance, role, poa)
        WHERE EXISTS (SELECT FROM suggestion_sets WHERE id = $2)
        """;

    private const string InsertSpans = """
        INSERT INTO evidence_spans (suggestion_id, start, "end", sentence_id)
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[])
        WHERE EXISTS (SELECT FROM suggestion_sets WHERE id = $5)
        """;

    private const string UpdateEncounter = """
        UPDATE encounters SET status = $2, failure_reason = NULL, coded_at = $3, updated_at = $3
        WHERE id = $1 AND EXISTS (SELECT FROM suggestion_sets WHERE id = $4)
        """;

    private const string InsertAudit = """
        INSERT INTO audit_entries (occurred_at, actor, role, action, entity_type, entity_id, outcome, origin, detail)
        SELECT occurred_at, actor, role, action, entity_type, entity_id, outcome, origin, detail::jsonb
        FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
            AS a(occurred_at, actor, role, action, entity_type, entity_id, outcome, origin, detail)
        WHERE EXISTS (SELECT FROM suggestion_sets WHERE id = $10)
        """;

    private const string InsertOutbox = """
        INSERT INTO outbox_messages (message_id, message_type, body, created_at, sent_at, attempts, last_error)
        SELECT $1, $2, $3::jsonb, $4, $5::timestamptz, $6, $7::text
        WHERE EXISTS (SELECT FROM suggestion_sets WHERE id = $8)
        """;

    /// <summary>
    /// Claims <paramref name="claimedBy"/>'s message (the set's <see cref="SuggestionSet.SourceMessageId"/>) and writes
    /// the set, the encounter as coded at the set's time, the audit rows and the outbox row; false when the message
    /// was claimed before (nothing written).
    /// </summary>
    /// <exception cref="PostgresException">23505 on ix_suggestion_sets_encounter_id when another set for the encounter committed first (nothing written).</exception>
    public static async Task<bool> StoreAsync(CodingDbContext db, string claimedBy, SuggestionSet set, IReadOnlyList<AuditEntry> audit, OutboxMessage outbox, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("The suggestion rows are one batch in a transaction of their own.");
        var suggestions = set.Suggestions;
        var spanCount = 0;
        foreach (var s in suggestions)
            spanCount += s.Evidence.Count;

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            batch.BatchCommands.Add(Command(ClaimAndInsertSet,
                set.Id, set.EncounterId, set.SourceMessageId, set.Engine, set.EngineVersion, set.CodebookVersion,
                (object?)set.Adjudication ?? DBNull.Value, set.CreatedAt, claimedBy, set.Policy.ToString()));
            if (suggestions.Count > 0)
            {
                batch.BatchCommands.Add(Command(InsertSuggestions,
                    suggestions.Select(s => s.Id).ToArray(), set.Id, set.EncounterId,
                    suggestions.Select(s => s.CodeSystem.ToString()).ToArray(),
                    suggestions.Select(s => s.Code).ToArray(),
                    suggestions.Select(s => s.CodebookVersion).ToArray(),
                    suggestions.Select(s => s.Description).ToArray(),
                    suggestions.Select(s => s.Confidence).ToArray(),
                    suggestions.Select(s => s.Rank).ToArray(),
                    suggestions.Select(s => s.Status.ToString()).ToArray(),
                    suggestions.Select(s => s.Provenance).ToArray(),
                    suggestions.Select(s => s.Role.ToString()).ToArray(),
                    suggestions.Select(s => s.Poa?.ToString()).ToArray()));
            }
            if (spanCount > 0)
            {
                var owners = new Guid[spanCount];
                var starts = new int[spanCount];
                var ends = new int[spanCount];
                var sentences = new int?[spanCount];
                var n = 0;
                foreach (var s in suggestions)
                {
                    foreach (var e in s.Evidence)
                    {
                        (owners[n], starts[n], ends[n], sentences[n]) = (s.Id, e.Start, e.End, e.SentenceId);
                        n++;
                    }
                }
                batch.BatchCommands.Add(Command(InsertSpans, owners, starts, ends, sentences, set.Id));
            }
            batch.BatchCommands.Add(Command(UpdateEncounter, set.EncounterId, nameof(EncounterStatus.Coded), set.CreatedAt, set.Id));
            if (audit.Count > 0)
            {
                batch.BatchCommands.Add(Command(InsertAudit,
                    audit.Select(a => a.OccurredAt).ToArray(),
                    audit.Select(a => a.Actor).ToArray(),
                    audit.Select(a => a.Role).ToArray(),
                    audit.Select(a => a.Action).ToArray(),
                    audit.Select(a => a.EntityType).ToArray(),
                    audit.Select(a => a.EntityId).ToArray(),
                    audit.Select(a => a.Outcome.ToString()).ToArray(),
                    audit.Select(a => a.Origin).ToArray(),
                    audit.Select(a => a.Detail).ToArray(),
                    set.Id));
            }
            batch.BatchCommands.Add(Command(InsertOutbox,
                outbox.MessageId, outbox.MessageType, outbox.Body, outbox.CreatedAt,
                (object?)outbox.SentAt ?? DBNull.Value, outbox.Attempts, (object?)outbox.LastError ?? DBNull.Value, set.Id));
            await batch.ExecuteNonQueryAsync(ct);
            return batch.BatchCommands[0].RecordsAffected == 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Positional parameters ($1...): Npgsql sends the SQL as written, without rewriting named placeholders.
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                int?[] nullable => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = nullable },
                string?[] texts => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = texts },
                _ => new NpgsqlParameter { Value = value },
            });
        }
        return command;
    }
}
