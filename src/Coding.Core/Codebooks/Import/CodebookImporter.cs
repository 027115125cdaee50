using System.Diagnostics;
using System.Security.Cryptography;
using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Data;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coding.Core.Codebooks.Import;

/// <summary>
/// Loads every release found under the source root. Each release goes in inside one transaction (codes, sections, new
/// terms and notes, then the release row), so a crash leaves either the whole release or none of it. A release whose
/// files hash the same as the stored one is skipped; different files for the same year replace that year only.
/// Terms, notes and chunks are shared across years and only ever added. Runs as the schema owner
/// (<see cref="Database.OwnerConnectionStringName"/>): it drops and builds indexes, which the app's login may not.
/// </summary>
public sealed class CodebookImporter([FromKeyedServices(Database.Owner)] CodingDbContext db, IEmbedder embedder, EmbeddingCache cache,
    IOptions<CodebooksOptions> options, TimeProvider clock, ILogger<CodebookImporter> logger)
{
    /// <summary>Bumped when the importer's output changes for the same input files, so re-import rebuilds releases.</summary>
    public const string ImporterVersion = "codebooks-importer-2";

    private readonly List<string> _warnings = [];
    // A year's Tabular and Index XML serve that year and the release derived from it: parse each file once per run.
    private readonly Dictionary<string, object> _parsed = [];
    private readonly Dictionary<string, TimeSpan> _timings = [];
    private IProgress<ImportProgress>? _progress;

    public async Task<ImportReport> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        _progress = progress;
        var total = Stopwatch.StartNew();
        var plans = CodebookCatalog.Discover(request.SourceRoot).Where(p => request.Only is null || request.Only.Contains(p.System)).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // One importer at a time: releases and the shared term tables are checked, then written.
            await ExecAsync(connection, "SELECT pg_advisory_lock(727001)", ct);
            var results = new List<ReleaseImportResult>();
            var terms = new TermWriter(connection, embedder, cache, ReportTerms);
            var cmPlans = plans.Where(p => p.System == CodeSystem.Icd10Cm).ToList();

            foreach (var plan in plans)
            {
                var years = plans.Where(p => p.System == plan.System).Select(p => p.Year).ToHashSet();
                var entries = Timed($"{Slug(plan)} {plan.Year} parse", () => plan.System == CodeSystem.Hcpcs ? HcpcsFileParser.ReadFile(plan.MainFile) : OrderFileParser.ReadFile(plan.MainFile));
                results.Add(await ImportReleaseAsync(connection, terms, plan, plan.Year, entries, derived: false, ct));

                // No order file for the year before, but this year's addenda: rebuild it so older dates of service resolve.
                if (plan.AddendaFile is not null && !years.Contains(plan.Year - 1))
                {
                    var addenda = OrderAddendaParser.ReadFile(plan.AddendaFile);
                    var previous = ReleaseDerivation.DerivePrevious(entries, addenda);
                    if (!previous.MatchesSummary)
                    {
                        var why = $"derived {Slug(plan)} {plan.Year - 1} has {previous.Codes} codes / {previous.Headers} headers, the addenda summary says {addenda.PreviousCodes} / {addenda.PreviousHeaders}: not loaded";
                        _warnings.Add(why);
                        results.Add(new(plan.System, (plan.Year - 1).ToString(), ReleaseOutcome.Refused, true, 0, 0, 0, 0, TimeSpan.Zero, why));
                    }
                    else
                    {
                        results.Add(await ImportReleaseAsync(connection, terms, plan, plan.Year - 1, previous.Entries, derived: true, ct));
                    }
                }
            }

            if (request.Only is null || request.Only.Contains(CodeSystem.Cpt))
                results.Add(await ImportCptAsync(connection, terms, request, ct));

            var (guidelines, tabular) = await ImportChunksAsync(connection, cmPlans, ct);
            await ReembedAsync(connection, ct);
            var poaExempt = new List<PoaExemptImportResult>();
            foreach (var plan in cmPlans.Where(p => p.PoaExemptFile is not null))
                poaExempt.Add(await ImportPoaExemptAsync(connection, plan, ct));

            Report("indexes", 0, 1);
            foreach (var (step, elapsed) in await CodebookIndexes.EnsureAsync(connection, options.Value, ct))
                _timings[$"index: {step}"] = elapsed;
            Report("indexes", 1, 1);
            return new ImportReport(results, guidelines, tabular, _timings, total.Elapsed, _warnings) { PoaExempt = poaExempt };
        }
        finally
        {
            Retrieval.CodebookSearch.InvalidateReleaseCache();
            await ExecAsync(connection, "SELECT pg_advisory_unlock(727001)", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<ReleaseImportResult> ImportReleaseAsync(NpgsqlConnection connection, TermWriter terms, ReleasePlan plan, int year, IReadOnlyList<CodeEntry> entries, bool derived, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var label = $"{Slug(plan)} {year}{(derived ? " (derived)" : "")}";
        var inputs = new List<string?> { plan.MainFile, derived ? plan.AddendaFile : null, plan.TabularFile, plan.IndexFile, plan.ExternalCauseFile, plan.DrugFile, plan.NeoplasmFile };
        var hash = ContentHash(inputs, derived);
        var source = derived
            ? $"derived from {Path.GetFileName(plan.MainFile)} minus the additions and plus the deletions of {Path.GetFileName(plan.AddendaFile)}, titles revised back"
            : string.Join(", ", inputs.OfType<string>().Select(Path.GetFileName));

        var (existingId, existingHash) = await ExistingReleaseAsync(connection, plan.System, year.ToString(), ct);
        if (existingHash == hash)
            return new(plan.System, year.ToString(), ReleaseOutcome.Unchanged, derived, entries.Count, entries.Count(e => e.Billable), 0, 0, sw.Elapsed, "same files as the stored release");

        TabularList? tabular = null;
        if (plan.System == CodeSystem.Icd10Cm && plan.TabularFile is not null)
            tabular = Timed($"{label} tabular XML", () => Cached(plan.TabularFile, TabularListParser.Load));

        var map = new ReleaseCodeMap(entries.Select(e => (e.Code, e.Billable)));
        var newTerms = new List<TermRow>();
        foreach (var e in entries)
            newTerms.Add(new(plan.System, e.Code, TermKind.Title, e.LongTitle, year));
        var notes = new List<NoteRow>();
        if (tabular is not null)
            CollectTabular(tabular, map, newTerms, notes);
        if (plan.System == CodeSystem.Icd10Cm)
            Timed($"{label} index XML", () => CollectIndexes(plan, map, newTerms));

        await using var tx = await connection.BeginTransactionAsync(ct);
        if (existingId is { } old)
        {
            await ExecAsync(connection, $"DELETE FROM codebook_releases WHERE id = {old}", ct);
            logger.LogInformation("Replacing {Release}: its files changed", label);
        }
        var (from, to) = CodeFormat.EffectiveRange(plan.System, year);
        var releaseId = await InsertReleaseAsync(connection, plan.System, year.ToString(), from, to, source, derived, hash, entries, ct);
        var codes = CodeHierarchy.Build(plan.System, releaseId, entries, tabular?.Chapters);
        await Bulk.WriteCodesAsync(connection, codes, ct);
        if (tabular is not null) await Bulk.WriteSectionsAsync(connection, releaseId, tabular, ct);
        var termsWritten = await terms.WriteAsync(plan.System, newTerms, label, ct);
        var notesWritten = await Bulk.WriteNotesAsync(connection, notes, ct);
        await tx.CommitAsync(ct);
        _timings[label] = sw.Elapsed;
        return new(plan.System, year.ToString(), existingId is null ? ReleaseOutcome.Imported : ReleaseOutcome.Replaced, derived,
            entries.Count, entries.Count(e => e.Billable), termsWritten, notesWritten, sw.Elapsed, source);
    }

    /// <summary>
    /// Loads the CMS POA-exempt list into its release, after the release itself: the list has its own hash on the release
    /// row, so a new list replaces the old one in one transaction without touching the release's content hash (which
    /// would re-embed every term). Codes the release does not have are reported and left out.
    /// </summary>
    private async Task<PoaExemptImportResult> ImportPoaExemptAsync(NpgsqlConnection connection, ReleasePlan plan, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var version = plan.Year.ToString();
        var file = plan.PoaExemptFile!;
        var hash = PoaExemptHash(file);
        var stored = await StoredPoaExemptAsync(connection, plan.System, version, ct);
        if (stored is null)
        {
            var why = $"{Path.GetFileName(file)}: no {Slug(plan)} {version} release is loaded to apply it to";
            _warnings.Add(why);
            return new(version, ReleaseOutcome.Refused, 0, 0, sw.Elapsed, why);
        }
        var (releaseId, storedHash, storedCount) = stored.Value;
        if (storedHash == hash)
            return new(version, ReleaseOutcome.Unchanged, storedCount, 0, sw.Elapsed, "same list as the stored one");

        var entries = PoaExemptParser.ReadFile(file);
        var known = await ReleaseCodesAsync(connection, plan.System, version, ct);
        var unknown = entries.Where(e => !known.Contains(e.Code)).Select(e => e.Code).ToList();
        if (unknown.Count > 0)
            _warnings.Add($"{Path.GetFileName(file)}: {unknown.Count} codes are not codes of {Slug(plan)} {version}, skipped: "
                + string.Join(", ", unknown.Take(10)) + (unknown.Count > 10 ? ", ..." : ""));
        var codes = entries.Where(e => known.Contains(e.Code)).Select(e => e.Code).ToList();

        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecAsync(connection, $"DELETE FROM poa_exempt_codes WHERE release_id = {releaseId}", ct);
        await Bulk.WritePoaExemptAsync(connection, releaseId, codes, ct);
        await using (var update = new NpgsqlCommand(
            "UPDATE codebook_releases SET poa_exempt_hash = @h, poa_exempt_count = @n WHERE id = @id", connection))
        {
            update.Parameters.AddWithValue("h", hash);
            update.Parameters.AddWithValue("n", codes.Count);
            update.Parameters.AddWithValue("id", releaseId);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        _timings[$"{Slug(plan)} {version} POA-exempt list"] = sw.Elapsed;
        return new(version, storedHash is null ? ReleaseOutcome.Imported : ReleaseOutcome.Replaced, codes.Count, unknown.Count, sw.Elapsed,
            Path.GetFileName(file));
    }

    private static string PoaExemptHash(string file)
    {
        using var stream = File.OpenRead(file);
        // The parser's version is part of the hash, so a change in how the list is read reloads it.
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"poa-exempt-1|{Path.GetFileName(file)}|{Convert.ToHexStringLower(SHA256.HashData(stream))}")));
    }

    private static async Task<(int Id, string? Hash, int Count)?> StoredPoaExemptAsync(NpgsqlConnection connection, CodeSystem system,
        string version, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT id, poa_exempt_hash, poa_exempt_count FROM codebook_releases WHERE system = @s AND version = @v", connection);
        cmd.Parameters.AddWithValue("s", system.ToString());
        cmd.Parameters.AddWithValue("v", version);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2));
    }

    private async Task<ReleaseImportResult> ImportCptAsync(NpgsqlConnection connection, TermWriter terms, ImportRequest request, CancellationToken ct)
    {
        var file = request.CptFile ?? DemoCptFile();
        if (file is null || !File.Exists(file))
        {
            var why = $"no CPT file (looked for {request.CptFile ?? "codebooks/cpt-demo/*.tsv"})";
            _warnings.Add(why);
            return new(CodeSystem.Cpt, "", ReleaseOutcome.Refused, false, 0, 0, 0, 0, TimeSpan.Zero, why);
        }
        var year = request.CptYear ?? CodebookCatalog.CptYear(file)
            ?? throw new InvalidOperationException($"cannot tell which year {Path.GetFileName(file)} is for: pass --cpt-year");
        var entries = CptFileParser.ReadFile(file);
        var plan = new ReleasePlan(CodeSystem.Cpt, year, file);
        return await ImportReleaseAsync(connection, terms, plan, year, entries, derived: false, ct);
    }

    /// <summary>The demo CPT set shipped in the repository (descriptions written by the project, not AMA text).</summary>
    public static string? DemoCptFile()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            if (CodebookSources.FindRepoRoot(start) is { } repo && Directory.Exists(Path.Combine(repo, "codebooks", "cpt-demo")))
                return Directory.EnumerateFiles(Path.Combine(repo, "codebooks", "cpt-demo"), "*.tsv").OrderDescending().FirstOrDefault();
        return null;
    }

    private static void CollectTabular(TabularList tabular, ReleaseCodeMap map, List<TermRow> terms, List<NoteRow> notes)
    {
        foreach (var diag in tabular.Diags)
        {
            foreach (var note in diag.Notes)
            {
                if (note.Kind == TabularNoteKind.InclusionTerm)
                {
                    foreach (var code in map.Map(diag.Code))
                        terms.Add(new(CodeSystem.Icd10Cm, code, TermKind.Inclusion, note.Text, tabular.Year));
                }
                else if (map.Contains(diag.Code))
                {
                    // Instructions are about the code they sit on; a code split since then gets none rather than a guess.
                    notes.Add(new(diag.Code, note.Kind, note.Text, tabular.Year));
                }
            }
        }
    }

    private void CollectIndexes(ReleasePlan plan, ReleaseCodeMap map, List<TermRow> terms)
    {
        var dropped = 0;
        void Add(string? file, TermKind kind, bool table)
        {
            if (file is null) return;
            var index = Cached(file, IndexXmlParser.Load);
            foreach (var entry in index.Entries)
            {
                foreach (var target in entry.Codes)
                {
                    var text = table ? $"{entry.Text} - {target.Role}" : target.Role == "manif" ? $"{entry.Text} (manifestation, sequenced second)" : entry.Text;
                    var mapped = map.Map(target.Code);
                    if (mapped.Count == 0) dropped++;
                    foreach (var code in mapped)
                    {
                        terms.Add(new(CodeSystem.Icd10Cm, code, kind, text, index.Year));
                        // A main term's own code is the default a coder falls back to; its bare title ("Hypertension,
                        // hypertensive" → I10), without the nonessential modifiers, lets a plain query find that default.
                        if (!table && entry.Path.Count == 1 && entry.Nemod is not null && target.Role != "manif")
                            terms.Add(new(CodeSystem.Icd10Cm, code, kind, entry.Path[0], index.Year));
                    }
                }
            }
        }
        Add(plan.IndexFile, TermKind.Index, table: false);
        if (plan.IndexFile is not null)
        {
            // "see" references: the referring words become a way to the target's codes. So does "see also" on an
            // entry with no code of its own ("Abscess - finger - see also Abscess, hand"; "Cardiomegaly - see also
            // Hypertrophy, cardiac"), whose words otherwise lead nowhere; beside a code of its own it only widens.
            var index = Cached(plan.IndexFile, IndexXmlParser.Load);
            var resolver = new IndexSeeResolver(index.Entries);
            foreach (var entry in index.Entries.Where(e => e.Codes.Count == 0 && (e.See ?? e.SeeAlso) is not null))
            {
                var (reference, label) = entry.See is { } see ? (see, "see") : (entry.SeeAlso!, "see also");
                foreach (var target in resolver.Resolve(reference))
                    foreach (var code in map.Map(target))
                        terms.Add(new(CodeSystem.Icd10Cm, code, TermKind.Index, $"{entry.Text} ({label} {reference})", index.Year));
            }
        }
        Add(plan.ExternalCauseFile, TermKind.ExternalCause, table: false);
        Add(plan.DrugFile, TermKind.Drug, table: true);
        Add(plan.NeoplasmFile, TermKind.Neoplasm, table: true);
        if (dropped > 0)
            logger.LogInformation("{Count} index references name codes absent from ICD-10-CM {Year} with no billable children: dropped", dropped, plan.Year);
    }

    private async Task<(int Guidelines, int Tabular)> ImportChunksAsync(NpgsqlConnection connection, List<ReleasePlan> cmPlans, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var chunks = new List<ChunkRow>();
        foreach (var plan in cmPlans.Where(p => p.GuidelinesFile is not null))
        {
            if (await AnyAsync(connection, $"SELECT 1 FROM guideline_chunks WHERE source = 'OfficialGuidelines' AND source_year = {plan.Year} LIMIT 1", ct)) continue;
            foreach (var s in GuidelinesParser.ReadFile(plan.GuidelinesFile!))
                chunks.Add(new(GuidelineSource.OfficialGuidelines, plan.Year, s.SectionPath, s.Heading, s.Trail, s.Page, s.Part, null, s.Text));
        }
        var guidelines = chunks.Count;
        // Tabular notes are chunked once per Tabular year, against the newest release that uses that Tabular.
        foreach (var plan in cmPlans.Where(p => p.TabularFile is not null).GroupBy(p => p.TabularFile).Select(g => g.MaxBy(p => p.Year)!))
        {
            var tabular = Cached(plan.TabularFile!, TabularListParser.Load);
            if (await AnyAsync(connection, $"SELECT 1 FROM guideline_chunks WHERE source = 'TabularNotes' AND source_year = {tabular.Year} LIMIT 1", ct)) continue;
            var codes = await ReleaseCodesAsync(connection, CodeSystem.Icd10Cm, plan.Year.ToString(), ct);
            foreach (var c in TabularChunker.Build(tabular, codes.Contains))
                chunks.Add(new(GuidelineSource.TabularNotes, tabular.Year, c.Category, c.Heading, c.Trail, null, c.Part, c.Category, c.Text));
        }
        if (chunks.Count == 0) return (0, 0);
        var vectors = await cache.EmbedAsync(embedder, chunks.Select(c => ChunkPassage(c.Trail, c.Text)).ToArray(),
            (done, total) => Report($"guideline chunks: embed ({embedder.Id})", done, total), ct);
        await Bulk.WriteChunksAsync(connection, chunks, vectors, embedder.Id, ct);
        _timings["guideline + tabular chunks"] = sw.Elapsed;
        return (guidelines, chunks.Count - guidelines);
    }

    /// <summary>What a guideline chunk's vector is made from: where it sits in the outline, then what it says.</summary>
    private static string ChunkPassage(string trail, string text) => $"{trail}\n{text}";

    /// <summary>
    /// Vectors made by another embedder, or emptied by a change of width, are made again with the configured one:
    /// terms (all in one UPDATE) and guideline chunks, the vector indexes dropped first and rebuilt after. Through the
    /// cache, so switching back to an embedder used before costs a file read, not a model run.
    /// </summary>
    private async Task ReembedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var count = 0;
        foreach (var (table, passage, index) in new[]
                 {
                     ("codebook_terms", "text", (string?)null),
                     ("guideline_chunks", "trail || E'\\n' || text", CodebookIndexes.ChunksVector),
                 })
        {
            var rows = new List<(long Id, string Text)>();
            await using (var select = new NpgsqlCommand(
                $"SELECT id, {passage} FROM {table} WHERE embedder IS NOT NULL AND (embedding IS NULL OR embedder <> @e) ORDER BY id", connection))
            {
                select.Parameters.AddWithValue("e", embedder.Id);
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
            if (rows.Count == 0) continue;
            logger.LogInformation("Re-embedding {Count} {Table} vectors with {Embedder}", rows.Count, table, embedder.Id);
            if (index is null) await CodebookIndexes.DropTermIndexesAsync(connection, ct);
            else await ExecAsync(connection, $"DROP INDEX IF EXISTS {index}", ct);
            var stage = $"re-embed {table} ({embedder.Id})";
            var vectors = await cache.EmbedAsync(embedder, rows.Select(r => r.Text).ToArray(), (done, total) => Report(stage, done, total), ct);
            await Bulk.UpdateVectorsAsync(connection, table, rows.Select(r => r.Id).ToArray(), vectors, embedder.Id, ct);
            count += rows.Count;
        }
        if (count > 0) _timings[$"re-embed {count} vectors"] = sw.Elapsed;
    }

    private static async Task<HashSet<string>> ReleaseCodesAsync(NpgsqlConnection connection, CodeSystem system, string version, CancellationToken ct)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT c.code FROM codebook_codes c JOIN codebook_releases r ON r.id = c.release_id WHERE r.system = @s AND r.version = @v", connection);
        cmd.Parameters.AddWithValue("s", system.ToString());
        cmd.Parameters.AddWithValue("v", version);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) set.Add(reader.GetString(0));
        return set;
    }

    private static async Task<(int? Id, string? Hash)> ExistingReleaseAsync(NpgsqlConnection connection, CodeSystem system, string version, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id, content_hash FROM codebook_releases WHERE system = @s AND version = @v", connection);
        cmd.Parameters.AddWithValue("s", system.ToString());
        cmd.Parameters.AddWithValue("v", version);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetString(1)) : (null, null);
    }

    private async Task<int> InsertReleaseAsync(NpgsqlConnection connection, CodeSystem system, string version, DateOnly from, DateOnly to, string source, bool derived, string hash, IReadOnlyList<CodeEntry> entries, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO codebook_releases (system, version, effective_from, effective_to, source, derived, content_hash, code_count, billable_count, imported_at)
            VALUES (@system, @version, @from, @to, @source, @derived, @hash, @codes, @billable, @at) RETURNING id
            """, connection);
        cmd.Parameters.AddWithValue("system", system.ToString());
        cmd.Parameters.AddWithValue("version", version);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("derived", derived);
        cmd.Parameters.AddWithValue("hash", hash);
        cmd.Parameters.AddWithValue("codes", entries.Count);
        cmd.Parameters.AddWithValue("billable", entries.Count(e => e.Billable));
        cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string ContentHash(IEnumerable<string?> files, bool derived)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{ImporterVersion}|{EmbeddingSpace.Dimension}|derived={derived}"));
        foreach (var f in files.OfType<string>())
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(f)));
            using var stream = File.OpenRead(f);
            sha.AppendData(SHA256.HashData(stream));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> AnyAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private T Cached<T>(string path, Func<string, T> parse) where T : class
    {
        if (_parsed.TryGetValue(path, out var hit)) return (T)hit;
        var value = parse(path);
        _parsed[path] = value;
        return value;
    }

    private T Timed<T>(string what, Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var result = work();
        _timings[what] = sw.Elapsed;
        return result;
    }

    private void Timed(string what, Action work) => Timed(what, () => { work(); return 0; });

    private void Report(string stage, long done, long total) => _progress?.Report(new ImportProgress(stage, done, total));

    private void ReportTerms(string stage, long done, long total) => Report(stage, done, total);

    private static string Slug(ReleasePlan plan) => CodeFormat.Slug(plan.System);
}
