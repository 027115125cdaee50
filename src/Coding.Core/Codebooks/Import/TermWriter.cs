using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Suggestions;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Coding.Core.Codebooks.Import;

public sealed record TermRow(CodeSystem System, string Code, TermKind Kind, string Text, int SourceYear);

/// <summary>
/// Adds the terms a release brings that are not stored yet (same system, code, kind and text = same term): embeds the
/// ones <see cref="DenseCoverage"/> gives vectors (through the <see cref="EmbeddingCache"/>, with progress), then
/// streams all of them into a binary COPY.
/// </summary>
internal sealed class TermWriter(NpgsqlConnection connection, IEmbedder embedder, EmbeddingCache cache, Action<string, long, long> progress)
{
    private const int ProgressStep = 4096;
    private readonly Dictionary<CodeSystem, HashSet<(string, TermKind, string)>> _known = [];
    private long _stored = -1;

    public async Task<int> WriteAsync(CodeSystem system, List<TermRow> rows, string label, CancellationToken ct)
    {
        var known = await KnownAsync(system, ct);
        var fresh = new List<TermRow>();
        foreach (var row in rows)
        {
            var text = row.Text.Trim();
            // An empty text has no vector direction (cosine is undefined) and nothing to match.
            if (text.Length == 0) continue;
            if (known.Add((row.Code, row.Kind, text))) fresh.Add(row with { Text = text });
        }
        if (fresh.Count == 0) return 0;

        if (_stored < 0) _stored = await CountAsync(ct);
        if (fresh.Count > _stored / 4) await CodebookIndexes.DropTermIndexesAsync(connection, ct);
        _stored += fresh.Count;

        var dense = Enumerable.Range(0, fresh.Count)
            .Where(i => DenseCoverage.Covers(fresh[i].System, fresh[i].Kind, fresh[i].Text)).ToArray();
        var embedStage = $"{label}: embed terms ({embedder.Id})";
        var embedded = await cache.EmbedAsync(embedder, dense.Select(i => fresh[i].Text).ToArray(),
            (done, total) => progress(embedStage, done, total), ct);
        var vectors = new float[]?[fresh.Count];
        for (var j = 0; j < dense.Length; j++) vectors[dense[j]] = embedded[j];

        var stage = $"{label}: store terms";
        progress(stage, 0, fresh.Count);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY codebook_terms (system, code, kind, text, source_year, embedding, embedder) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < fresh.Count; i++)
        {
            var vector = vectors[i];
            var row = fresh[i];
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.System.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Code, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Text, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row.SourceYear, NpgsqlDbType.Integer, ct);
            if (vector is null)
            {
                await writer.WriteNullAsync(ct);
                await writer.WriteNullAsync(ct);
            }
            else
            {
                await writer.WriteAsync(new Vector(vector), ct);
                await writer.WriteAsync(embedder.Id, NpgsqlDbType.Varchar, ct);
            }
            if ((i + 1) % ProgressStep == 0) progress(stage, i + 1, fresh.Count);
        }
        await writer.CompleteAsync(ct);
        progress(stage, fresh.Count, fresh.Count);
        return fresh.Count;
    }

    private async Task<HashSet<(string, TermKind, string)>> KnownAsync(CodeSystem system, CancellationToken ct)
    {
        if (_known.TryGetValue(system, out var set)) return set;
        set = [];
        await using var cmd = new NpgsqlCommand("SELECT code, kind, text FROM codebook_terms WHERE system = @s", connection);
        cmd.Parameters.AddWithValue("s", system.ToString());
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                set.Add((reader.GetString(0), Enum.Parse<TermKind>(reader.GetString(1)), reader.GetString(2)));
        _known[system] = set;
        return set;
    }

    private async Task<long> CountAsync(CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM codebook_terms", connection);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
