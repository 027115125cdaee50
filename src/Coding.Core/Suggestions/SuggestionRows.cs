using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Coding.Core.Suggestions;

/// <summary>
/// Writes a suggestion set with its suggestions and evidence spans in one round trip: three set-based INSERTs over
/// arrays, inside the caller's transaction. This is the worker's hot path; through EF's change tracker the ~15 rows of
/// a typical set cost about 1 ms of worker CPU per encounter, more than everything else it stores.
/// </summary>
/// <remarks>
/// Column names follow the EF model (snake_case); the integration tests read every row back through EF, so a model
/// change that this file misses fails there.
/// </remarks>
internal static class SuggestionRows
{
    private const string InsertSet = """
        INSERT INTO suggestion_sets (id, encounter_id, source_message_id, engine, engine_version, codebook_version, adjudication, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
        """;

    private const string InsertSuggestions = """
        INSERT INTO suggestions (id, suggestion_set_id, encounter_id, code_system, code, codebook_version, description, confidence, rank, status, provenance)
        SELECT id, $2, $3, code_system, code, codebook_version, description, confidence, rank, status, provenance::jsonb
        FROM unnest($1::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::int[], $10::text[], $11::text[])
            AS s(id, code_system, code, codebook_version, description, confidence, rank, status, provenance)
        """;

    private const string InsertSpans = """
        INSERT INTO evidence_spans (suggestion_id, start, "end", sentence_id)
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[])
        """;

    /// <exception cref="PostgresException">23505 on ix_suggestion_sets_encounter_id when another set for the encounter committed first.</exception>
    public static async Task InsertAsync(CodingDbContext db, SuggestionSet set, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Suggestion rows are written inside the caller's transaction.");
        var suggestions = set.Suggestions;
        var spans = suggestions.SelectMany(s => s.Evidence.Select(e => (s.Id, e))).ToList();

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(Command(InsertSet,
            set.Id, set.EncounterId, set.SourceMessageId, set.Engine, set.EngineVersion, set.CodebookVersion,
            (object?)set.Adjudication ?? DBNull.Value, set.CreatedAt));
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
                suggestions.Select(s => s.Provenance).ToArray()));
        }
        if (spans.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertSpans,
                spans.Select(x => x.Id).ToArray(),
                spans.Select(x => x.e.Start).ToArray(),
                spans.Select(x => x.e.End).ToArray(),
                spans.Select(x => x.e.SentenceId).ToArray()));
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    // Positional parameters ($1...): Npgsql sends the SQL as written, without rewriting named placeholders.
    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is int?[] nullable
                ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = nullable }
                : new NpgsqlParameter { Value = value });
        return command;
    }
}
