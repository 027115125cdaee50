using System.Diagnostics;
using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine.Lexicon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coding.Core.Engine.Dense;

/// <summary>What one retrieval cost: the phrases searched and the wall time of the database round trip.</summary>
public sealed record DenseRetrieval(IReadOnlyList<DenseHit> Hits, int Phrases, TimeSpan Database);

/// <summary>
/// Searches a note's phrases in the codebook's term vectors: every phrase is embedded (the codebooks' embedder), and
/// all of them go to PostgreSQL in ONE statement, a LATERAL top-k over the HNSW index per query vector, kept to the
/// release of <paramref name="lexicon"/> (terms are shared across years; codes are not) and to ICD-10-CM vectors made by
/// the same embedder. Headers are returned too: the pure side resolves them to billable codes as it does for terms.
/// </summary>
public sealed class DenseRetriever(IServiceScopeFactory scopes, IEmbedder embedder, IOptions<EngineOptions> options)
{
    /// <summary>Terms fetched per phrase before codes are collapsed (several texts of one code are common neighbours).</summary>
    private const int TermsPerCode = 4;

    /// <summary>What the worker searches after a lexical pass: the phrases the <c>Engine:Dense*</c> settings select.</summary>
    public Task<DenseRetrieval> RetrieveForAsync(TermLexicon lexicon, LexicalPass pass, CareSetting setting, CancellationToken ct) =>
        RetrieveAsync(lexicon, DensePhrases.Select(pass.Note, pass.Candidates, setting, options.Value.DenseSettings), ct);

    /// <summary>
    /// The same retrieval as a <see cref="DenseSource"/> for the synchronous evaluation (eval, bench, CDI runs), so they
    /// describe the worker; null when <c>Engine:Dense</c> is off.
    /// </summary>
    public DenseSource? SourceFor(TermLexicon lexicon, CareSetting setting, CancellationToken ct) =>
        options.Value.Dense ? pass => RetrieveForAsync(lexicon, pass, setting, ct).GetAwaiter().GetResult() : null;

    public async Task<DenseRetrieval> RetrieveAsync(TermLexicon lexicon, IReadOnlyList<DensePhrase> phrases, CancellationToken ct)
    {
        if (phrases.Count == 0)
            return new DenseRetrieval([], 0, TimeSpan.Zero);
        var vectors = await embedder.EmbedAsync(phrases.Select(p => embedder.AsQuery(LaySynonyms.Expand(p.Text))).ToArray(), ct);
        var flat = new float[phrases.Count * EmbeddingSpace.Dimension];
        for (var i = 0; i < vectors.Length; i++)
            vectors[i].CopyTo(flat, i * EmbeddingSpace.Dimension);
        var top = options.Value.DenseTop;
        var sql = $"""
            SET hnsw.ef_search = {options.Value.DenseEfSearch};
            WITH q AS (
                SELECT i, ((@v::real[])[i * {EmbeddingSpace.Dimension} + 1 : (i + 1) * {EmbeddingSpace.Dimension}])::vector({EmbeddingSpace.Dimension})::halfvec({EmbeddingSpace.Dimension}) AS v
                FROM generate_series(0, @n - 1) AS i)
            SELECT q.i, t.id, t.code, 1 - t.d
            FROM q CROSS JOIN LATERAL (
                SELECT id, code, system, embedder, {CodebookIndexes.HalfEmbedding} <=> q.v AS d FROM codebook_terms
                ORDER BY {CodebookIndexes.HalfEmbedding} <=> q.v LIMIT @k) t
            JOIN codebook_codes c ON c.release_id = (SELECT id FROM codebook_releases WHERE system = @system AND version = @version) AND c.code = t.code
            WHERE t.system = @system AND t.embedder = @embedder
            ORDER BY q.i, t.d
            """;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var clock = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("v", flat);
            cmd.Parameters.AddWithValue("n", phrases.Count);
            cmd.Parameters.AddWithValue("k", top * TermsPerCode);
            cmd.Parameters.AddWithValue("system", lexicon.System.ToString());
            cmd.Parameters.AddWithValue("version", lexicon.ReleaseVersion);
            cmd.Parameters.AddWithValue("embedder", embedder.Id);
            await cmd.PrepareAsync(ct);
            var hits = new List<DenseHit>();
            var codes = new HashSet<string>(StringComparer.Ordinal);
            var phrase = -1;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var i = reader.GetInt32(0);
                if (i != phrase)
                {
                    phrase = i;
                    codes.Clear();
                }
                var code = reader.GetString(2);
                if (codes.Count >= top || !codes.Add(code))
                    continue;
                var p = phrases[i];
                hits.Add(new DenseHit(p.Start, p.End, reader.GetInt64(1), code, Math.Round(reader.GetDouble(3), 4), codes.Count));
            }
            return new DenseRetrieval(hits, phrases.Count, clock.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
