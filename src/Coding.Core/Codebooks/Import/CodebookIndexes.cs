using Npgsql;

namespace Coding.Core.Codebooks.Import;

/// <summary>
/// The search indexes (GIN over tsvector, HNSW over vectors) are built after bulk load rather than declared in the
/// migration: pgvector builds an HNSW graph over loaded rows in one pass (in memory, with parallel workers) several
/// times faster than it inserts row by row during COPY. Search works without them, only slower.
/// </summary>
public static class CodebookIndexes
{
    public const string TermsVector = "ix_codebook_terms_embedding_hnsw";
    public const string TermsText = "ix_codebook_terms_search_vector_gin";
    public const string ChunksVector = "ix_guideline_chunks_embedding_hnsw";
    public const string ChunksText = "ix_guideline_chunks_search_vector_gin";

    /// <summary>
    /// The term graph indexes the vectors at half precision: the index is ~40% smaller (145 vs 238 MB for the full
    /// import), so it stays in cache, and it builds faster; the ranking it gives differs from full precision only in
    /// near-ties. Queries must use the same expression for the planner to pick the index.
    /// </summary>
    public static readonly string HalfEmbedding = $"(embedding::halfvec({Embeddings.EmbeddingSpace.Dimension}))";

    /// <summary>Systems small enough that a filtered scan of the main graph would mostly visit other systems' vectors.</summary>
    public static readonly Suggestions.CodeSystem[] SmallSystems = [Suggestions.CodeSystem.Hcpcs, Suggestions.CodeSystem.Cpt];

    private static string SmallIndex(Suggestions.CodeSystem s) => $"{TermsVector}_{s.ToString().ToLowerInvariant()}";

    /// <summary>Drops the term indexes before a load that would more than grow the table by a quarter: rebuilding is cheaper.</summary>
    public static async Task DropTermIndexesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"DROP INDEX IF EXISTS {TermsVector}; DROP INDEX IF EXISTS {TermsText};"
            + string.Concat(SmallSystems.Select(s => $"DROP INDEX IF EXISTS {SmallIndex(s)};")), connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates whatever search index is missing; returns how long each step took.</summary>
    public static async Task<IReadOnlyList<(string Step, TimeSpan Elapsed)>> EnsureAsync(NpgsqlConnection connection, CodebooksOptions options, CancellationToken ct)
    {
        var graph = $"WITH (m = {options.HnswM}, ef_construction = {options.HnswEfConstruction})";
        var steps = new List<(string, string)>
        {
            ("settings", $"SET maintenance_work_mem = '{options.IndexBuildMemory}'; SET max_parallel_maintenance_workers = {Math.Max(1, Environment.ProcessorCount)}"),
            ("GIN terms", $"CREATE INDEX IF NOT EXISTS {TermsText} ON codebook_terms USING gin (search_vector)"),
            ("GIN + HNSW guideline chunks", $"CREATE INDEX IF NOT EXISTS {ChunksText} ON guideline_chunks USING gin (search_vector); CREATE INDEX IF NOT EXISTS {ChunksVector} ON guideline_chunks USING hnsw (embedding vector_cosine_ops) {graph}"),
            ("HNSW terms", $"CREATE INDEX IF NOT EXISTS {TermsVector} ON codebook_terms USING hnsw ({HalfEmbedding} halfvec_cosine_ops) {graph}"),
            ("HNSW small systems", string.Join("; ", SmallSystems.Select(s => $"CREATE INDEX IF NOT EXISTS {SmallIndex(s)} ON codebook_terms USING hnsw ({HalfEmbedding} halfvec_cosine_ops) {graph} WHERE system = '{s}'"))),
            ("analyze", "RESET maintenance_work_mem; RESET max_parallel_maintenance_workers; ANALYZE codebook_terms; ANALYZE codebook_codes; ANALYZE codebook_releases; ANALYZE guideline_chunks"),
        };
        var timings = new List<(string, TimeSpan)>();
        foreach (var (step, sql) in steps)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
            timings.Add((step, sw.Elapsed));
        }
        return timings;
    }
}
