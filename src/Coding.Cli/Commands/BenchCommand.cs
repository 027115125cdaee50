using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Data;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Coding.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure the system; results go to artifacts/bench/ as JSON and markdown");
        command.Subcommands.Add(Codebooks());
        command.Subcommands.Add(BenchModelCommand.Model());
        command.Subcommands.Add(BenchEngine.Create());
        command.Subcommands.Add(BenchPipelineCommand.Create());
        command.Subcommands.Add(BenchFaultsCommand.Create());
        command.Subcommands.Add(BenchDeidCommand.Create());
        return command;
    }

    private static Command Codebooks()
    {
        var source = new Option<DirectoryInfo?>("--source") { Description = "Folder with the official files (default as for `codebook import`)" };
        var repeat = new Option<int>("--repeat") { Description = "Timed passes over the query set", DefaultValueFactory = _ => 5 };
        var keep = new Option<bool>("--keep") { Description = "Keep the scratch database" };
        var existing = new Option<string?>("--existing") { Description = "Time search only, against this already imported database (no import)" };
        var command = new Command("codebooks", "Import all codebooks into a fresh database, then time search over the query set") { source, repeat, keep, existing };
        command.SetAction(async (parse, ct) =>
        {
            using var baseHost = CliHost.Build();
            // The scratch database is created, migrated, filled and dropped by the schema owner (CREATEDB; DDL for indexes).
            var baseConfig = baseHost.Services.GetRequiredService<IConfiguration>();
            var baseConnection = baseConfig.GetConnectionString(Database.OwnerConnectionStringName) ?? baseConfig.GetConnectionString(Database.ConnectionStringName)!;
            var root = parse.GetValue(source)?.FullName ?? CodebookSources.ResolveRoot();
            var queriesPath = SearchQuerySet.DefaultPath();
            if (root is null || queriesPath is null)
            {
                Console.Error.WriteLine("need the codebook sources (--source) and codebooks/search-queries.tsv in the repository");
                return 2;
            }
            var reuse = parse.GetValue(existing);
            var database = reuse ?? $"coding_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
            if (reuse is null) await AdminAsync(baseConnection, $"CREATE DATABASE {database}", ct);
            try
            {
                var connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = database }.ConnectionString;
                using var host = CliHost.Build(new Dictionary<string, string?>
                {
                    [$"ConnectionStrings:{Database.ConnectionStringName}"] = connection,
                    [$"ConnectionStrings:{Database.OwnerConnectionStringName}"] = connection,
                });
                await using (var scope = host.Services.CreateAsyncScope())
                    await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), ct);

                ImportReport import;
                await using (var scope = host.Services.CreateAsyncScope())
                    import = reuse is null
                        ? await CodebookCommand.RunImportAsync(scope.ServiceProvider.GetRequiredService<CodebookImporter>(), new ImportRequest(root), ct)
                        : new ImportReport([], 0, 0, new Dictionary<string, TimeSpan>(), TimeSpan.Zero, ["search only: no import measured"]);

                var queries = SearchQuerySet.Load(queriesPath);
                var latencies = new List<double>();
                var perQuery = new Dictionary<string, List<double>>();
                var guidelineLatencies = new List<double>();
                var misses = new List<string>();
                var hitsAt5 = 0;
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
                    foreach (var q in queries) // warm-up pass, also the quality pass
                    {
                        var hits = await search.SearchAsync(new SearchQuery(q.Query, q.System, Top: 5), ct);
                        if (hits.Any(h => q.Matches(h.Code))) hitsAt5++;
                        else misses.Add($"{(q.KnownMiss ? "(known) " : "")}{q.Query} → expected {q.Code}, got {string.Join(", ", hits.Select(h => h.Code))}");
                    }
                    for (var pass = 0; pass < parse.GetValue(repeat); pass++)
                    {
                        foreach (var q in queries)
                        {
                            var sw = Stopwatch.StartNew();
                            await search.SearchAsync(new SearchQuery(q.Query, q.System, Top: 10), ct);
                            latencies.Add(sw.Elapsed.TotalMilliseconds);
                            (perQuery.TryGetValue(q.Query, out var list) ? list : perQuery[q.Query] = []).Add(sw.Elapsed.TotalMilliseconds);
                            sw.Restart();
                            await search.SearchGuidelinesAsync(q.Query, null, 5, ct);
                            guidelineLatencies.Add(sw.Elapsed.TotalMilliseconds);
                        }
                    }
                }

                var coder = await CoderSetAsync(host, "coder-queries.tsv", parse.GetValue(repeat), ct);
                var coderHoldout = await CoderSetAsync(host, "coder-queries-holdout.tsv", parse.GetValue(repeat), ct);
                var guidelineSet = await GuidelineSetAsync(host, "guideline-sections.tsv", ct);
                var guidelineHoldout = await GuidelineSetAsync(host, "guideline-sections-holdout.tsv", ct);
                var coderHoldout2 = await CoderSetAsync(host, "coder-queries-holdout2.tsv", parse.GetValue(repeat), ct);
                var guidelineHoldout2 = await GuidelineSetAsync(host, "guideline-sections-holdout2.tsv", ct);

                var result = new
                {
                    measuredAt = DateTimeOffset.UtcNow,
                    machine = new { Environment.ProcessorCount, loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
                    import = new
                    {
                        totalSeconds = Math.Round(import.Total.TotalSeconds, 2),
                        stages = import.Timings.ToDictionary(t => t.Key, t => Math.Round(t.Value.TotalSeconds, 2)),
                        releases = import.Releases.Select(r => new { system = CodeFormat.Slug(r.System), r.Version, r.Derived, outcome = r.Outcome.ToString(), r.Codes, r.Billable, r.NewTerms, seconds = Math.Round(r.Elapsed.TotalSeconds, 2) }),
                        import.NewGuidelineChunks,
                        import.NewTabularChunks,
                    },
                    search = new { queries = queries.Count, samples = latencies.Count, p50Ms = Percentile(latencies, 50), p95Ms = Percentile(latencies, 95), maxMs = Math.Round(latencies.Max(), 2), hitsAt5, misses, slowest = perQuery.Select(kv => new { query = kv.Key, p50Ms = Percentile(kv.Value, 50) }).OrderByDescending(x => x.p50Ms).Take(8) },
                    guidelineSearch = new { samples = guidelineLatencies.Count, p50Ms = Percentile(guidelineLatencies, 50), p95Ms = Percentile(guidelineLatencies, 95) },
                    coderQueries = coder,
                    coderQueriesKeptApart = coderHoldout,
                    guidelinesForCodes = guidelineSet,
                    guidelinesForCodesKeptApart = guidelineHoldout,
                    coderQueriesKeptApart2 = coderHoldout2,
                    guidelinesForCodesKeptApart2 = guidelineHoldout2,
                };
                var dir = Path.Combine(CodebookSources.FindRepoRoot(Directory.GetCurrentDirectory()) ?? ".", "artifacts", "bench");
                Directory.CreateDirectory(dir);
                var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
                var name = reuse is null ? "codebooks" : "codebooks-search";
                await File.WriteAllTextAsync(Path.Combine(dir, $"{name}.json"), json, ct);
                await File.WriteAllTextAsync(Path.Combine(dir, $"{name}.md"), Markdown(import, latencies, guidelineLatencies, queries.Count, hitsAt5, misses), ct);
                Console.WriteLine(json);
                Console.WriteLine($"written to {dir}/{name}.json and {name}.md");
                return 0;
            }
            finally
            {
                if (reuse is not null) { }
                else if (!parse.GetValue(keep)) await AdminAsync(baseConnection, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
                else Console.WriteLine($"kept database {database}");
            }
        });
        return command;
    }

    /// <summary>
    /// A frozen coder query set (codebooks/eval/coder-queries.tsv, or the kept-apart coder-queries-holdout.tsv) as the
    /// review UI asks it (billable codes, top 15 shown, top 5 scored): hit@5 overall and per kind, and latency including
    /// the query embedding.
    /// </summary>
    private static async Task<object?> CoderSetAsync(IHost host, string file, int repeat, CancellationToken ct)
    {
        if (RetrievalSets.DefaultPath(file) is not { } path) return null;
        var queries = RetrievalSets.LoadQueries(path);
        await using var scope = host.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
        var hits = new Dictionary<string, (int Hit, int Total)>();
        var misses = new List<string>();
        foreach (var q in queries)
        {
            IReadOnlyList<SearchHit> found;
            try { found = await search.SearchAsync(new SearchQuery(q.Query, Top: 5, BillableOnly: true), ct); }
            catch (PostgresException e) { misses.Add($"[{q.Kind}] {q.Query} → error {e.SqlState}"); found = [new SearchHit(default, "error", "", "", false, "", 0, "", default, false, false)]; }
            var hit = q.ExpectsNothing ? found.Count == 0 : found.Any(h => q.Matches(h.Code));
            var (h, t) = hits.GetValueOrDefault(q.Kind);
            hits[q.Kind] = (h + (hit ? 1 : 0), t + 1);
            if (!hit) misses.Add($"[{q.Kind}] {q.Query} → expected {(q.ExpectsNothing ? "no code" : string.Join(" ", q.Accepted))}, got {string.Join(", ", found.Select(f => f.Code))}");
        }
        var latencies = new List<double>();
        for (var pass = 0; pass < repeat; pass++)
            foreach (var q in queries)
            {
                var sw = Stopwatch.StartNew();
                try { await search.SearchAsync(new SearchQuery(q.Query, Top: 15, BillableOnly: true), ct); }
                catch (PostgresException) { continue; }
                latencies.Add(sw.Elapsed.TotalMilliseconds);
            }
        var result = new
        {
            queries = queries.Count,
            hitAt5 = Math.Round(hits.Values.Sum(x => x.Hit) / (double)queries.Count, 3),
            perKind = hits.ToDictionary(kv => kv.Key, kv => new { hits = kv.Value.Hit, kv.Value.Total, hitAt5 = Math.Round(kv.Value.Hit / (double)kv.Value.Total, 3) }),
            p50Ms = Percentile(latencies, 50),
            p95Ms = Percentile(latencies, 95),
            misses,
        };
        return result;
    }

    /// <summary>
    /// A frozen code → governing-guideline set (codebooks/eval/guideline-sections.tsv, or the kept-apart
    /// guideline-sections-holdout.tsv): is a governing section the first
    /// Official Guidelines chunk shown with the code, or among the first three?
    /// </summary>
    private static async Task<object?> GuidelineSetAsync(IHost host, string file, CancellationToken ct)
    {
        if (RetrievalSets.DefaultPath(file) is not { } path) return null;
        var labels = RetrievalSets.LoadGuidelineLabels(path);
        await using var scope = host.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
        int top1 = 0, top3 = 0;
        var misses = new List<string>();
        var latencies = new List<double>();
        foreach (var label in labels)
        {
            var sw = Stopwatch.StartNew();
            var shown = (await search.GuidelinesForCodeAsync(CodeSystem.Icd10Cm, label.Code, null, 8, ct))
                .Where(g => g.Source == GuidelineSource.OfficialGuidelines).Select(g => g.SectionPath).Take(3).ToList();
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            if (shown.Count > 0 && label.Matches(shown[0])) top1++;
            else misses.Add($"{(shown.Any(label.Matches) ? "(in top 3) " : "")}{label.Code} → expected {string.Join(" ", label.Sections)}, got {string.Join(", ", shown)}");
            if (shown.Any(label.Matches)) top3++;
        }
        return new
        {
            codes = labels.Count,
            top1 = Math.Round(top1 / (double)labels.Count, 3),
            top3 = Math.Round(top3 / (double)labels.Count, 3),
            p50Ms = Percentile(latencies, 50),
            p95Ms = Percentile(latencies, 95),
            missesTop1 = misses,
        };
    }

    private static string Markdown(ImportReport import, List<double> latencies, List<double> guidelines, int queries, int hitsAt5, List<string> misses)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Codebooks benchmark ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        md.AppendLine().AppendLine("Reproduce: `dotnet run --project src/Coding.Cli -- bench codebooks`").AppendLine();
        if (File.Exists("/proc/loadavg")) md.AppendLine(CultureInfo.InvariantCulture, $"Load average at the end of the run (other work on the machine): `{File.ReadAllText("/proc/loadavg").Trim()}`").AppendLine();
        md.AppendLine("| release | outcome | codes | billable | new terms | seconds |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in import.Releases)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {CodeFormat.Slug(r.System)} {r.Version}{(r.Derived ? " (derived)" : "")} | {r.Outcome} | {r.Codes:N0} | {r.Billable:N0} | {r.NewTerms:N0} | {r.Elapsed.TotalSeconds:F1} |");
        md.AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        foreach (var (stage, t) in import.Timings) md.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {t.TotalSeconds:F1} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **total import** | **{import.Total.TotalSeconds:F1}** |");
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Code search over {queries} queries × passes ({latencies.Count} samples): p50 {Percentile(latencies, 50)} ms, p95 {Percentile(latencies, 95)} ms, max {latencies.Max():F2} ms; expected code in top 5 for {hitsAt5}/{queries}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Guideline search ({guidelines.Count} samples): p50 {Percentile(guidelines, 50)} ms, p95 {Percentile(guidelines, 95)} ms.");
        foreach (var m in misses) md.AppendLine(CultureInfo.InvariantCulture, $"- miss: {m}");
        return md.ToString();
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 2);
    }

    private static async Task AdminAsync(string baseConnection, string sql, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
