using Coding.Core.Codebooks.Parsing;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Coding.Core.Codebooks.Import;

public sealed record NoteRow(string Code, TabularNoteKind Kind, string Text, int SourceYear);

public sealed record ChunkRow(GuidelineSource Source, int SourceYear, string SectionPath, string Heading, string Trail, int? Page, int Part, string? Code, string Text);

/// <summary>Binary COPY writers for the codebook tables: the only way to load ~100k rows a release in about a second.</summary>
internal static class Bulk
{
    public static async Task WritePoaExemptAsync(NpgsqlConnection connection, int releaseId, IReadOnlyList<string> codes,
        CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY poa_exempt_codes (release_id, code) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var code in codes)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(releaseId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(code, NpgsqlDbType.Varchar, ct);
        }
        await w.CompleteAsync(ct);
    }

    public static async Task WriteCodesAsync(NpgsqlConnection connection, IReadOnlyList<CodebookCode> codes, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync("""
            COPY codebook_codes (release_id, system, code, short_title, title, billable, kind, chapter, block, category, parent, effective_from, effective_to)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var c in codes)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(c.ReleaseId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(c.System.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.ShortTitle, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Title, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Billable, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(c.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await WriteNullable(w, c.Chapter, ct);
            await WriteNullable(w, c.Block, ct);
            await WriteNullable(w, c.Category, ct);
            await WriteNullable(w, c.Parent, ct);
            if (c.EffectiveFrom is { } f) await w.WriteAsync(f, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
            if (c.EffectiveTo is { } t) await w.WriteAsync(t, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
        }
        await w.CompleteAsync(ct);
    }

    public static async Task WriteSectionsAsync(NpgsqlConnection connection, int releaseId, TabularList tabular, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY codebook_sections (release_id, kind, key, title, first, last, chapter, source_year) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var chapter in tabular.Chapters)
        {
            var first = chapter.Sections.Count > 0 ? chapter.Sections[0].First : "";
            var last = chapter.Sections.Count > 0 ? chapter.Sections[^1].Last : "";
            await Row(CodeKind.Chapter, chapter.Number, chapter.Title, first, last, null);
            foreach (var s in chapter.Sections)
                await Row(CodeKind.Block, s.Id, s.Title, s.First, s.Last, chapter.Number);
        }
        await w.CompleteAsync(ct);

        async Task Row(CodeKind kind, string key, string title, string first, string last, string? chapter)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(releaseId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(key, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(title, NpgsqlDbType.Text, ct);
            await w.WriteAsync(first, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(last, NpgsqlDbType.Varchar, ct);
            await WriteNullable(w, chapter, ct);
            await w.WriteAsync(tabular.Year, NpgsqlDbType.Integer, ct);
        }
    }

    /// <summary>Adds the notes not stored yet; the same note on the same code from another year's run is kept once.</summary>
    public static async Task<int> WriteNotesAsync(NpgsqlConnection connection, IReadOnlyList<NoteRow> notes, CancellationToken ct)
    {
        if (notes.Count == 0) return 0;
        var known = new HashSet<(string, string, string)>();
        await using (var cmd = new NpgsqlCommand("SELECT code, kind, text FROM codebook_notes", connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                known.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        var written = 0;
        await using var w = await connection.BeginBinaryImportAsync("COPY codebook_notes (code, kind, text, source_year) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var n in notes)
        {
            if (!known.Add((n.Code, n.Kind.ToString(), n.Text))) continue;
            await w.StartRowAsync(ct);
            await w.WriteAsync(n.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(n.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(n.Text, NpgsqlDbType.Text, ct);
            await w.WriteAsync(n.SourceYear, NpgsqlDbType.Integer, ct);
            written++;
        }
        await w.CompleteAsync(ct);
        return written;
    }

    public static async Task WriteChunksAsync(NpgsqlConnection connection, IReadOnlyList<ChunkRow> chunks, float[][] vectors, string embedderId, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY guideline_chunks (source, source_year, section_path, heading, trail, page, part, code, text, embedding, embedder) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            await w.StartRowAsync(ct);
            await w.WriteAsync(c.Source.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.SourceYear, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(c.SectionPath, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Heading, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Trail, NpgsqlDbType.Text, ct);
            if (c.Page is { } p) await w.WriteAsync(p, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(c.Part, NpgsqlDbType.Integer, ct);
            await WriteNullable(w, c.Code, ct);
            await w.WriteAsync(c.Text, NpgsqlDbType.Text, ct);
            await w.WriteAsync(new Vector(vectors[i]), ct);
            await w.WriteAsync(embedderId, NpgsqlDbType.Varchar, ct);
        }
        await w.CompleteAsync(ct);
    }

    /// <summary>Replaces the vectors of the given rows in one statement (COPY into a temporary table, then UPDATE).</summary>
    public static async Task UpdateVectorsAsync(NpgsqlConnection connection, string table, long[] ids, float[][] vectors, string embedderId, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE reembedded (id bigint PRIMARY KEY, embedding vector({Embeddings.EmbeddingSpace.Dimension})) ON COMMIT DROP", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var w = await connection.BeginBinaryImportAsync("COPY reembedded (id, embedding) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < ids.Length; i++)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(new Vector(vectors[i]), ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var update = new NpgsqlCommand(
            $"UPDATE {table} t SET embedding = r.embedding, embedder = @e FROM reembedded r WHERE t.id = r.id", connection) { CommandTimeout = 0 })
        {
            update.Parameters.AddWithValue("e", embedderId);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter w, string? value, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }
}
