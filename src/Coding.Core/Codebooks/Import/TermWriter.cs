using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Suggestions;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Coding.Core.Codebooks.Import;

public sealed record TermRow(CodeSystem System, string Code, TermKind Kind, string Text, int SourceYear);

/// <summary>
/// Adds the terms a release brings that are not stored yet (same system, code, kind and text = same term), embedding
/// them in batches while the previous batch streams into a binary COPY.
/// </summary>
internal sealed class TermWriter(NpgsqlConnection connection, IEmbedder embedder, Action<string, long, long> progress)
{
    private const int Batch = 4096;
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

        var stage = $"{label}: embed + store terms";
        progress(stage, 0, fresh.Count);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY codebook_terms (system, code, kind, text, source_year, embedding, embedder) FROM STDIN (FORMAT BINARY)", ct);
        var next = EmbedAsync(fresh, 0, ct);
        for (var start = 0; start < fresh.Count; start += Batch)
        {
            var vectors = await next;
            if (start + Batch < fresh.Count) next = EmbedAsync(fresh, start + Batch, ct);
            for (var i = 0; i < vectors.Length; i++)
            {
                var vector = vectors[i];
                var row = fresh[start + i];
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
            }
            progress(stage, Math.Min(start + Batch, fresh.Count), fresh.Count);
        }
        await writer.CompleteAsync(ct);
        return fresh.Count;
    }

    /// <summary>Vectors for one batch; null where <see cref="DenseCoverage"/> leaves the term to full text.</summary>
    private Task<float[]?[]> EmbedAsync(List<TermRow> rows, int start, CancellationToken ct) => Task.Run(async () =>
    {
        var batch = rows.Skip(start).Take(Batch).ToArray();
        var dense = batch.Select((r, i) => (r, i)).Where(x => DenseCoverage.Covers(x.r.System, x.r.Kind, x.r.Text)).ToArray();
        var vectors = dense.Length == 0 ? [] : await embedder.EmbedAsync(dense.Select(x => x.r.Text).ToArray(), ct);
        var result = new float[]?[batch.Length];
        for (var j = 0; j < dense.Length; j++) result[dense[j].i] = vectors[j];
        return result;
    }, ct);

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
