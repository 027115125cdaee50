using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Data;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Coding.Core.Codebooks.Retrieval;

/// <summary>
/// What the engine and the coders ask of the codebooks: exact lookup, "valid and billable on this date?", the release in
/// force, hybrid code search (HNSW over term vectors + PostgreSQL full text, fused by reciprocal rank) and guideline search.
/// Every answer is scoped to the release in force on the date of service, or the newest release when no date is given.
/// </summary>
public sealed class CodebookSearch(CodingDbContext db, IEmbedder embedder, IOptions<CodebooksOptions> options)
{
    /// <summary>Reciprocal-rank-fusion constant: the usual 60 keeps one retriever's top hit from drowning the other's.</summary>
    private const double RrfK = 60;

    /// <summary>Candidates taken from each retriever before fusion.</summary>
    private const int Candidates = 40;

    /// <summary>
    /// Vector candidates: more than full-text ones, because many near-identical index paths and titles point at the same
    /// few codes, and 40 texts can cover as few as ten distinct codes. Needs hnsw.ef_search ≥ this.
    /// </summary>
    private const int DenseCandidates = 60;

    private const double HeaderWeight = 0.85;

    /// <summary>Most texts one full-text query ranks; beyond this the rank work, not the index, dominates latency.</summary>
    private const int RankBudget = 1500;

    private const double UnspecifiedWeight = 1.1;

    /// <summary>Bonus for a code whose best text has exactly the query's words (scaled by overlap).</summary>
    private const double OverlapWeight = 0.2;

    private const double DefaultCodeWeight = 1.15;

    public async Task<IReadOnlyList<ReleaseInfo>> ReleasesAsync(CancellationToken ct) =>
        (await db.CodebookReleases.AsNoTracking().OrderBy(r => r.System).ThenByDescending(r => r.EffectiveFrom).ToListAsync(ct))
        .Select(ToInfo).ToList();

    public async Task<ReleaseInForce> ReleaseInForceAsync(CodeSystem system, DateOnly date, CancellationToken ct)
    {
        var release = await db.CodebookReleases.AsNoTracking()
            .Where(r => r.System == system && r.EffectiveFrom <= date && r.EffectiveTo >= date)
            .OrderByDescending(r => r.EffectiveFrom).FirstOrDefaultAsync(ct);
        if (release is not null)
            return new(system, date, ToInfo(release), $"{CodeFormat.Slug(system)} {release.Version} is in force on {date:yyyy-MM-dd}");
        var loaded = await db.CodebookReleases.AsNoTracking().Where(r => r.System == system).Select(r => r.Version).ToListAsync(ct);
        return new(system, date, null, loaded.Count == 0
            ? $"no codebook in force: no {CodeFormat.Slug(system)} release is loaded"
            : $"no codebook in force: no loaded {CodeFormat.Slug(system)} release covers {date:yyyy-MM-dd} (loaded: {string.Join(", ", loaded.Order())})");
    }

    /// <summary>Is the code valid and billable on the date? Never throws for unknown codes or dates: the status says why not.</summary>
    public async Task<ValidityResult> CheckAsync(CodeSystem system, string code, DateOnly date, CancellationToken ct)
    {
        var normalized = CodeFormat.Normalize(code);
        var inForce = await ReleaseInForceAsync(system, date, ct);
        if (inForce.Release is not { } release)
            return new(CodeValidity.NoCodebookInForce, system, normalized, date, null, null, inForce.Message);
        var row = await db.CodebookCodes.AsNoTracking().FirstOrDefaultAsync(c => c.ReleaseId == release.Id && c.Code == normalized, ct);
        var display = CodeFormat.Display(system, normalized);
        if (row is null)
            return new(CodeValidity.NotInCodebook, system, normalized, date, release, null, $"{display} is not in {CodeFormat.Slug(system)} {release.Version}");
        var info = ToInfo(row, release);
        if (row.EffectiveFrom > date || row.EffectiveTo < date)
            return new(CodeValidity.NotEffective, system, normalized, date, release, info, $"{display} is effective {row.EffectiveFrom:yyyy-MM-dd} to {row.EffectiveTo:yyyy-MM-dd}, not on {date:yyyy-MM-dd}");
        return row.Billable
            ? new(CodeValidity.ValidBillable, system, normalized, date, release, info, $"{display} is valid and billable in {CodeFormat.Slug(system)} {release.Version}")
            : new(CodeValidity.NotBillable, system, normalized, date, release, info, row.Kind == CodeKind.Modifier
                ? $"{display} is a modifier, not a code"
                : $"{display} is a header in {CodeFormat.Slug(system)} {release.Version}: more characters are needed");
    }

    /// <summary>Exact lookup ("E11.9", "e119", " E11.9 "): the code in the release in force on the date, or in the newest release of each system.</summary>
    public async Task<IReadOnlyList<CodeInfo>> LookupAsync(string code, CodeSystem? system, DateOnly? date, CancellationToken ct)
    {
        var normalized = CodeFormat.Normalize(code);
        var releases = await ReleasesForAsync(system, date, ct);
        if (releases.Count == 0) return [];
        var ids = releases.Select(r => r.Id).ToArray();
        var rows = await db.CodebookCodes.AsNoTracking().Where(c => c.Code == normalized && ids.Contains(c.ReleaseId)).ToListAsync(ct);
        return rows.Select(r => ToInfo(r, releases.First(x => x.Id == r.ReleaseId))).OrderBy(r => r.System).ToList();
    }

    /// <summary>Tabular instructions on a code and every header above it (Excludes1 on a category applies to all its codes).</summary>
    public async Task<IReadOnlyList<CodebookNote>> NotesAsync(string code, CancellationToken ct)
    {
        var normalized = CodeFormat.Normalize(code);
        var prefixes = Enumerable.Range(3, Math.Max(0, normalized.Length - 2)).Select(n => normalized[..n]).ToArray();
        return await db.CodebookNotes.AsNoTracking().Where(n => prefixes.Contains(n.Code)).OrderBy(n => n.Code).ThenBy(n => n.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var releases = await ReleasesForAsync(query.System, query.Date, ct);
        if (releases.Count == 0 || string.IsNullOrWhiteSpace(query.Text)) return [];
        // A typed code means that code and its children, never codes whose words happen to contain its digits.
        // Shorthand that happens to look like a code ("dm2" is also the start of PCS DM20DZZ) means the condition.
        if (CodeFormat.AsCodePrefix(query.Text) is { } prefix && !LaySynonyms.IsShorthand(query.Text)
            && await CodePrefixAsync(prefix, releases, query, ct) is { Count: > 0 } codes)
            return codes;
        var alternatives = LaySynonyms.Alternatives(query.Text);
        var (strict, relaxed) = TextQueries(alternatives);
        // Nothing to match by words ("%", "(((", an emoji, "1=1") and an embedder that cannot vouch for a neighbour alone:
        // "no code found" is the honest answer, not the nearest noise.
        if (strict.Length == 0 && embedder.TrustedSimilarity > 1) return [];
        var expanded = LaySynonyms.Expand(query.Text);
        var vector = (await embedder.EmbedAsync([embedder.AsQuery(expanded)], ct))[0];
        var queryWords = alternatives.Select(WordStems).ToList();
        var densePlan = DensePlan(query.System);

        var sql = $"""
            SET hnsw.ef_search = {Math.Max(options.Value.HnswEfSearch, DenseCandidates)};
            WITH dense AS (
                SELECT system, code, kind, text, row_number() OVER (ORDER BY d) AS rank, d FROM (
                    {densePlan}) x),
            strict AS (
                -- Ranking is the expensive part (ts_rank: ~4x cheaper than ts_rank_cd); a query matching thousands of texts ranks a bounded sample.
                SELECT system, code, kind, text, ts_rank(search_vector, query, 1) AS r, 0 AS tier FROM (
                    SELECT system, code, kind, text, search_vector, query FROM codebook_terms, to_tsquery('english', @strict) query
                    WHERE search_vector @@ query {(query.System is null ? "" : "AND system = @system")} LIMIT {RankBudget}) s
                ORDER BY r DESC, length(text) LIMIT @n),
            relaxed AS (
                -- Only when too few texts have every word: then texts missing one word (ts_rank: cheaper over many rows).
                SELECT * FROM (
                    SELECT system, code, kind, text, ts_rank(search_vector, query, 1) AS r, 1 AS tier FROM (
                        SELECT system, code, kind, text, search_vector, query FROM codebook_terms, to_tsquery('english', @relaxed) query
                        WHERE search_vector @@ query {(query.System is null ? "" : "AND system = @system")} LIMIT {RankBudget / 2}) s
                    ORDER BY r DESC, length(text) LIMIT @n) y
                WHERE (SELECT count(*) FROM strict) < @n),
            lex AS (
                -- Equal ranks are common (same words, same length in lexemes): the shorter text says less besides the query.
                SELECT system, code, kind, text, row_number() OVER (ORDER BY tier, r DESC, length(text)) AS rank
                FROM (SELECT * FROM strict UNION ALL SELECT * FROM relaxed) z),
            hits AS (SELECT system, code, kind, text, rank, true AS dense, d FROM dense
                     UNION ALL SELECT system, code, kind, text, rank, false, NULL::float8 FROM lex)
            SELECT h.system, h.code, h.kind, h.text, h.rank, h.dense, c.release_id, c.title, c.billable, c.effective_from, c.effective_to, h.d
            FROM hits h
            JOIN unnest(@release_ids, @release_systems) AS rel(id, system) ON rel.system = h.system
            JOIN codebook_codes c ON c.release_id = rel.id AND c.code = h.code
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("q", new Vector(vector));
            cmd.Parameters.AddWithValue("n", Candidates);
            cmd.Parameters.AddWithValue("dn", DenseCandidates);
            cmd.Parameters.AddWithValue("strict", strict);
            cmd.Parameters.AddWithValue("relaxed", relaxed);
            cmd.Parameters.AddWithValue("release_ids", releases.Select(r => r.Id).ToArray());
            cmd.Parameters.AddWithValue("release_systems", releases.Select(r => r.System.ToString()).ToArray());
            if (query.System is { } s) cmd.Parameters.Add(new NpgsqlParameter("system", NpgsqlDbType.Varchar) { Value = s.ToString() });

            var fused = new Dictionary<(string System, string Code), Fused>();
            var textMatched = false;
            var nearest = double.MaxValue;
            // Prepared once per pooled connection (Npgsql keeps it): planning this query costs more than running it.
            await cmd.PrepareAsync(ct);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var from = reader.IsDBNull(9) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(9);
                var to = reader.IsDBNull(10) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(10);
                if (query.Date is { } d && (from > d || to < d)) continue;
                var billable = reader.GetBoolean(8);
                if (query.BillableOnly && !billable) continue;
                var key = (reader.GetString(0), reader.GetString(1));
                var rank = reader.GetInt64(4);
                var fromDense = reader.GetBoolean(5);
                if (fromDense) nearest = Math.Min(nearest, reader.GetDouble(11));
                else textMatched = true;
                if (!fused.TryGetValue(key, out var f))
                    fused[key] = f = new Fused(reader.GetString(0), reader.GetString(1), reader.GetString(7), billable, reader.GetInt32(6));
                var text = reader.GetString(3);
                f.Add(fromDense, rank, text, Enum.Parse<TermKind>(reader.GetString(2)), queryWords.Max(q => Overlap(q, text)));
            }
            // Vector neighbours always exist; without a text match they are a result only when close enough to trust.
            if (!textMatched && 1 - nearest < embedder.TrustedSimilarity && !await AnyKnownWordAsync(connection, alternatives, ct)) return [];
            return fused.Values
                .OrderByDescending(f => f.Score).ThenBy(f => f.Code, StringComparer.Ordinal)
                .Take(query.Top)
                .Select(f =>
                {
                    var system = Enum.Parse<CodeSystem>(f.System);
                    return new SearchHit(system, f.Code, CodeFormat.Display(system, f.Code), f.Title, f.Billable,
                        releases.First(r => r.Id == f.ReleaseId).Version, f.Score, f.BestText, f.BestKind, f.DenseRank > 0, f.LexRank > 0);
                })
                .ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Does any word of the query occur in some codebook text? Long lay phrasings ("cough that won't go away") may match
    /// no text with all or all-but-one of their words and still mean something; gibberish has no known word at all.
    /// </summary>
    private static async Task<bool> AnyKnownWordAsync(NpgsqlConnection connection, IReadOnlyList<string> alternatives, CancellationToken ct)
    {
        var words = alternatives.SelectMany(Words).Where(w => !w.Trim('\'').All(char.IsDigit)).Distinct().ToList();
        if (words.Count == 0) return false;
        await using var cmd = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM codebook_terms, to_tsquery('english', @q) query WHERE search_vector @@ query)", connection);
        cmd.Parameters.AddWithValue("q", string.Join(" | ", words));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Codes of the releases in force that are the typed code or start with it: the code itself first, then its children
    /// shortest first (E11 → E11.9, E11.8, E11.00 …). Empty when nothing starts with it, so the caller reads it as words.
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> CodePrefixAsync(string prefix, IReadOnlyList<ReleaseInfo> releases, SearchQuery query, CancellationToken ct)
    {
        var ids = releases.Select(r => r.Id).ToArray();
        // The range lets the (release_id, code) index do the work; LIKE keeps the answer exact whatever the collation.
        var rows = await db.CodebookCodes.AsNoTracking()
            .Where(c => ids.Contains(c.ReleaseId) && string.Compare(c.Code, prefix) >= 0 && string.Compare(c.Code, prefix + "~") < 0
                && EF.Functions.Like(c.Code, prefix + "%")
                && (!query.BillableOnly || c.Billable))
            .OrderBy(c => c.Code.Length).ThenBy(c => c.Code).Take(query.Top * 4)
            .ToListAsync(ct);
        return rows
            .Where(c => query.Date is not { } d || (c.EffectiveFrom is not { } from || from <= d) && (c.EffectiveTo is not { } to || to >= d))
            .Take(query.Top)
            .Select((c, i) =>
            {
                var release = releases.First(r => r.Id == c.ReleaseId);
                return new SearchHit(c.System, c.Code, CodeFormat.Display(c.System, c.Code), c.Title, c.Billable, release.Version,
                    1.0 / (1 + i), c.Code == prefix ? "code" : $"code under {CodeFormat.Display(c.System, prefix)}", TermKind.Title, false, true);
            })
            .ToList();
    }

    /// <summary>
    /// The guideline chunks to show with a code, best first: the Official Guidelines topic that governs it
    /// (<see cref="GoverningGuidelines"/>: the sections that name the code, its category or a range holding it, in its
    /// own chapter, fitting its title), then the Tabular notes of its category, then the next governing topics, then the
    /// nearest chunks by meaning (the guideline search for its title). Searching the title alone put the
    /// hypertensive-CKD section under COPD and the "Encounter for…" lists under injuries.
    /// </summary>
    public async Task<IReadOnlyList<GuidelineHit>> GuidelinesForCodeAsync(CodeSystem system, string code, DateOnly? date, int top, CancellationToken ct)
    {
        var info = (await LookupAsync(code, system, date, ct)).FirstOrDefault();
        if (info is null) return [];
        if (system != CodeSystem.Icd10Cm)
            return (await SearchGuidelinesAsync(info.Title, date, 40, ct)).Where(g => g.Source == GuidelineSource.OfficialGuidelines).Take(top).ToList();

        var category = info.Category is { } cat && cat != info.Code ? (await LookupAsync(cat, system, date, ct)).FirstOrDefault() : null;
        var governing = await GoverningAsync(date, ct);
        var ranked = governing?.Rank(info.Code, info.Chapter, $"{info.Title} {category?.Title}") ?? [];
        var tabular = (await db.GuidelineChunks.AsNoTracking()
                .Where(c => c.Source == GuidelineSource.TabularNotes && c.Code == info.Category)
                .OrderByDescending(c => c.SourceYear).ThenBy(c => c.Part).ToListAsync(ct))
            .Select(c => new GuidelineHit(c.Id, c.Source, c.SourceYear, c.SectionPath, c.Heading, c.Page, c.Code, c.Text, 0)).ToList();
        var shown = ranked.Take(1).Concat(tabular).Concat(ranked.Skip(1).Take(1)).Take(top).ToList();
        if (shown.Count < top)
        {
            var ids = shown.Select(h => h.Id).ToHashSet();
            var neighbours = (await SearchGuidelinesAsync(info.Title, date, top * 2, ct))
                .Where(g => g.Source == GuidelineSource.OfficialGuidelines && !GoverningGuidelines.IsReserved(g.Text) && ids.Add(g.Id));
            shown.AddRange(neighbours.Concat(ranked.Skip(2).Where(h => ids.Add(h.Id))).Take(top - shown.Count));
        }
        return shown;
    }

    /// <summary>
    /// The Official Guidelines of the year in force, ready to rank sections for a code. The document changes once a year:
    /// kept per database and year, refreshed with the release cache.
    /// </summary>
    private async Task<GoverningGuidelines?> GoverningAsync(DateOnly? date, CancellationToken ct)
    {
        var year = date is { } d ? (d.Month >= 10 ? d.Year + 1 : d.Year) : int.MaxValue;
        var inForce = await db.GuidelineChunks.AsNoTracking()
            .Where(c => c.Source == GuidelineSource.OfficialGuidelines && c.SourceYear <= year).MaxAsync(c => (int?)c.SourceYear, ct);
        if (inForce is null) return null;
        var key = (db.Database.GetConnectionString() ?? "", inForce.Value);
        var now = Environment.TickCount64;
        if (GuidelineCache.TryGetValue(key, out var cached) && now - cached.At < ReleaseCacheTtl.TotalMilliseconds * 30) return cached.Guidelines;
        var sections = await db.GuidelineChunks.AsNoTracking()
            .Where(c => c.Source == GuidelineSource.OfficialGuidelines && c.SourceYear == inForce).OrderBy(c => c.Id)
            .Select(c => new GuidelineHit(c.Id, c.Source, c.SourceYear, c.SectionPath, c.Heading, c.Page, c.Code, c.Text, 0))
            .ToListAsync(ct);
        var guidelines = new GoverningGuidelines(sections);
        GuidelineCache[key] = (now, guidelines);
        return guidelines;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), (long At, GoverningGuidelines Guidelines)> GuidelineCache = new();

    /// <summary>Official Guidelines sections and Tabular category notes for a question, newest guidelines in force on the date.</summary>
    public async Task<IReadOnlyList<GuidelineHit>> SearchGuidelinesAsync(string text, DateOnly? date, int top, CancellationToken ct)
    {
        var year = date is { } d ? (d.Month >= 10 ? d.Year + 1 : d.Year) : int.MaxValue;
        var guidelineYear = await db.GuidelineChunks.AsNoTracking()
            .Where(c => c.Source == GuidelineSource.OfficialGuidelines && c.SourceYear <= year)
            .MaxAsync(c => (int?)c.SourceYear, ct);
        var vector = new Vector((await embedder.EmbedAsync([embedder.AsQuery(LaySynonyms.Expand(text))], ct))[0]);
        var tsQuery = TextQueries(LaySynonyms.Alternatives(text)).Relaxed;
        var sql = $"""
            SET hnsw.ef_search = {options.Value.HnswEfSearch};
            SET hnsw.iterative_scan = relaxed_order;
            WITH
            dense AS (
                SELECT id, row_number() OVER (ORDER BY d) AS rank FROM (
                    SELECT id, embedding <=> @q AS d FROM guideline_chunks
                    WHERE source = 'TabularNotes' OR source_year = @gy
                    ORDER BY embedding <=> @q LIMIT @n) x),
            lex AS (
                SELECT id, row_number() OVER (ORDER BY r DESC) AS rank FROM (
                    SELECT id, ts_rank_cd(search_vector, query, 1) AS r FROM guideline_chunks, to_tsquery('english', @tsq) query
                    WHERE search_vector @@ query AND (source = 'TabularNotes' OR source_year = @gy)
                    ORDER BY r DESC LIMIT @n) y),
            fused AS (
                SELECT id, sum(1.0 / ({RrfK} + rank)) AS score FROM (SELECT * FROM dense UNION ALL SELECT * FROM lex) z GROUP BY id)
            SELECT c.id, c.source, c.source_year, c.section_path, c.heading, c.page, c.code, c.text, f.score
            FROM fused f JOIN guideline_chunks c ON c.id = f.id ORDER BY f.score DESC, c.id LIMIT @top
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("q", vector);
            cmd.Parameters.AddWithValue("n", Candidates);
            cmd.Parameters.AddWithValue("gy", guidelineYear ?? 0);
            cmd.Parameters.AddWithValue("tsq", tsQuery);
            cmd.Parameters.AddWithValue("top", top);
            await cmd.PrepareAsync(ct);
            var hits = new List<GuidelineHit>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                hits.Add(new GuidelineHit(reader.GetInt64(0), Enum.Parse<GuidelineSource>(reader.GetString(1)), reader.GetInt32(2), reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), (double)reader.GetDecimal(8)));
            return hits;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The release in force on the date for each system asked about (or the newest of each when no date).</summary>
    private async Task<List<ReleaseInfo>> ReleasesForAsync(CodeSystem? system, DateOnly? date, CancellationToken ct)
    {
        var all = await AllReleasesAsync(ct);
        return all.Where(r => (system is null || r.System == system) && (date is not { } d || (r.EffectiveFrom <= d && r.EffectiveTo >= d)))
            .GroupBy(r => r.System).Select(g => g.MaxBy(r => r.EffectiveFrom)!).ToList();
    }

    /// <summary>
    /// The release list changes only when an import commits, and every search needs it: keep it per database for a few
    /// seconds rather than pay a round trip per query. An import in another process shows up within <see cref="ReleaseCacheTtl"/>.
    /// </summary>
    private async Task<IReadOnlyList<ReleaseInfo>> AllReleasesAsync(CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        var now = Environment.TickCount64;
        if (ReleaseCache.TryGetValue(key, out var cached) && now - cached.At < ReleaseCacheTtl.TotalMilliseconds) return cached.Releases;
        var releases = (await db.CodebookReleases.AsNoTracking().ToListAsync(ct)).Select(ToInfo).ToList();
        // Vectors from another embedder live in another space: comparing them would return confident nonsense.
        var stored = await db.CodebookTerms.AsNoTracking().Where(t => t.Embedder != null)
            .Select(t => new { t.Embedder, Empty = t.Embedding == null }).FirstOrDefaultAsync(ct);
        if (stored is { Empty: true })
            throw new InvalidOperationException("codebook vectors were emptied by a change of vector width: run `coding codebook import` (it re-embeds them)");
        if (stored is not null && stored.Embedder != embedder.Id)
            throw new InvalidOperationException($"codebook vectors were made by '{stored.Embedder}' but the configured embedder is '{embedder.Id}': run `coding codebook import` (it re-embeds them) or configure the same embedder (Codebooks:Embedder:Kind)");
        ReleaseCache[key] = (now, releases);
        return releases;
    }

    /// <summary>Forget cached release lists (the importer calls this after it commits).</summary>
    public static void InvalidateReleaseCache()
    {
        ReleaseCache.Clear();
        GuidelineCache.Clear();
    }

    private static readonly TimeSpan ReleaseCacheTtl = TimeSpan.FromSeconds(10);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long At, IReadOnlyList<ReleaseInfo> Releases)> ReleaseCache = new();

    private static readonly string HalfDistance = $"{Import.CodebookIndexes.HalfEmbedding} <=> @q::halfvec({EmbeddingSpace.Dimension})";

    /// <summary>
    /// The vector half of the search. Unfiltered HNSW when searching everything or ICD-10-CM (which owns most vectors, so
    /// filtering after the scan loses little); the small systems (HCPCS, CPT) through their own partial HNSW index, because a
    /// filtered scan of the big graph would walk most of it to find them; nothing for a system without vectors.
    /// </summary>
    private static string DensePlan(CodeSystem? system) => system switch
    {
        null or CodeSystem.Icd10Cm => $"SELECT system, code, kind, text, {HalfDistance} AS d FROM codebook_terms ORDER BY {HalfDistance} LIMIT @dn",
        { } s when !DenseCoverage.HasVectors(s) => "SELECT system, code, kind, text, 0.0::float8 AS d FROM codebook_terms WHERE false",
        // Small systems have their own partial HNSW index (CodebookIndexes); the literal lets the planner match it.
        { } s => $"SELECT system, code, kind, text, {HalfDistance} AS d FROM codebook_terms WHERE system = '{s}' ORDER BY {HalfDistance} LIMIT @dn",
    };

    /// <summary>
    /// Full-text queries: strict = every word of some phrasing (as typed, or with lay words replaced); relaxed = all words
    /// but one (for three words or more) or any word (for two). Selective queries keep ranking cheap.
    /// </summary>
    internal static (string Strict, string Relaxed) TextQueries(IReadOnlyList<string> alternatives)
    {
        var strict = new List<string>();
        var relaxed = new List<string>();
        foreach (var alternative in alternatives)
        {
            var words = Words(alternative);
            // Numbers alone ("1=1", "2") are not a search: they sit in thousands of titles and mean nothing without a word.
            if (words.All(w => w.Trim('\'').All(char.IsDigit))) continue;
            strict.Add($"({string.Join(" & ", words)})");
            if (words.Count >= 3)
                relaxed.AddRange(words.Select((_, skip) => $"({string.Join(" & ", words.Where((_, i) => i != skip))})"));
            else
                relaxed.AddRange(words);
        }
        // Empty (not "''", a tsquery syntax error) when nothing is left to match: the callers then skip full text.
        return (strict.Count == 0 ? "" : string.Join(" | ", strict.Distinct()), relaxed.Count == 0 ? "" : string.Join(" | ", relaxed.Distinct()));
    }

    private static List<string> Words(string text) =>
        DeterministicEmbedder.Tokenize(text).Where(w => (w.Length > 1 || char.IsDigit(w[0])) && !TextStopWords.Contains(w)).Distinct().Take(12).Select(w => $"'{w}'").ToList();

    // to_tsquery('english') drops these itself; removing them first keeps "all words but one" meaningful.
    private static readonly HashSet<string> TextStopWords = new(StringComparer.Ordinal) { "of", "the", "and", "with", "without", "in", "on", "for", "to", "a", "an", "or", "by", "at", "from", "due" };

    /// <summary>
    /// How exactly a text says what the query says: Jaccard overlap of their word stems (crude: first six letters), with
    /// "NOS"/"unspecified" left out. An index path or inclusion term that is the query ("Infection - urinary (tract)" for
    /// "urinary tract infection") beats a title that merely contains it ("... following delivery, unspecified").
    /// </summary>
    internal static double Overlap(HashSet<string> query, string text)
    {
        if (query.Count == 0) return 0;
        var words = WordStems(text);
        var common = words.Count(query.Contains);
        return common == 0 ? 0 : (double)common / (query.Count + words.Count - common);
    }

    internal static HashSet<string> WordStems(string text) =>
        DeterministicEmbedder.Tokenize(text).Where(w => !TextStopWords.Contains(w) && !OverlapIgnored.Contains(w)).Select(w => w.Length > 6 ? w[..6] : w).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> OverlapIgnored = new(StringComparer.Ordinal) { "nos", "unspecified", "specified", "not", "other" };

    private static ReleaseInfo ToInfo(CodebookRelease r) => new(r.Id, r.System, r.Version, r.EffectiveFrom, r.EffectiveTo, r.Derived, r.Source);

    private static CodeInfo ToInfo(CodebookCode c, ReleaseInfo r) => new(c.System, c.Code, CodeFormat.Display(c.System, c.Code), c.Title, c.ShortTitle,
        c.Billable, c.Kind, c.Chapter, c.Block, c.Category, c.Parent, c.EffectiveFrom, c.EffectiveTo, r);

    private sealed class Fused(string system, string code, string title, bool billable, int releaseId)
    {
        public string System { get; } = system;
        public string Code { get; } = code;
        public string Title { get; } = title;
        public bool Billable { get; } = billable;
        public int ReleaseId { get; } = releaseId;
        public long DenseRank { get; private set; }
        public long LexRank { get; private set; }
        public string BestText { get; private set; } = "";
        public TermKind BestKind { get; private set; }
        private long _bestRank = long.MaxValue;

        // A plain query rarely carries the detail that picks a specific code, and then the coder's answer is the
        // unspecified one: it gets a nudge worth a few ranks. Headers (more characters needed) rank a little below codes.
        public double Score => ((DenseRank > 0 ? 1 / (RrfK + DenseRank) : 0) + (LexRank > 0 ? 1 / (RrfK + LexRank) : 0))
            * (Billable ? 1 : HeaderWeight) * (IsUnspecified ? UnspecifiedWeight : 1) * (1 + OverlapWeight * _overlap)
            * (_defaultCode ? DefaultCodeWeight : 1);

        // The query is exactly an index main term, and this is the code listed next to it: the classification's
        // default code for the condition (Guidelines I.A.18).
        private bool _defaultCode;

        private double _overlap;

        // "Unspecified" in the title, or a matched inclusion/index text marked NOS ("Zoster NOS", "Fracture of wrist NOS").
        private bool IsUnspecified => _nos || Title.Contains("unspecified", StringComparison.OrdinalIgnoreCase) || Title.Contains("not specified", StringComparison.OrdinalIgnoreCase);

        private bool _nos;

        public void Add(bool dense, long rank, string text, TermKind kind, double overlap)
        {
            _overlap = Math.Max(_overlap, overlap);
            if (kind == TermKind.Index && overlap >= 1 && !text.Contains(" - ", StringComparison.Ordinal)) _defaultCode = true;
            // A code is as good as its best-matching text in each retriever.
            if (dense && (DenseRank == 0 || rank < DenseRank)) DenseRank = rank;
            if (!dense && (LexRank == 0 || rank < LexRank)) LexRank = rank;
            if (rank < _bestRank) { _bestRank = rank; BestText = text; BestKind = kind; }
            if (kind != TermKind.Title && (text.EndsWith(" NOS", StringComparison.Ordinal) || text.Contains(" NOS ", StringComparison.Ordinal))) _nos = true;
        }
    }
}
