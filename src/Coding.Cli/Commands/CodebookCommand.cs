using System.CommandLine;
using System.Globalization;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Data;
using Coding.Core.Severity;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Coding.Cli.Commands;

internal static class CodebookCommand
{
    public static Command Create()
    {
        var command = new Command("codebook", "Import official code sets, look codes up, search codes and guidelines");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Lookup());
        command.Subcommands.Add(Search());
        return command;
    }

    private static Command Import()
    {
        var source = new Option<DirectoryInfo?>("--source") { Description = $"Folder with the official files (default: Codebooks:SourceRoot, ${CodebookSources.EnvironmentVariable}, or ../shared/codebooks beside the repository)" };
        var only = new Option<string[]>("--only") { Description = "Import only these systems: icd10cm, pcs, hcpcs, cpt, severity (MS-DRG CC/MCC and CMS-HCC lists) (repeatable)", AllowMultipleArgumentsPerToken = true };
        var cptFile = new Option<FileInfo?>("--cpt-file") { Description = "Licensed CPT file: header row with code, description[, short_description, effective_from, effective_to]; tab or comma separated" };
        var cptYear = new Option<int?>("--cpt-year") { Description = "Year of the CPT file, when its name does not say" };
        var command = new Command("import", "Import every codebook release found (idempotent: unchanged releases are skipped)") { source, only, cptFile, cptYear };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var root = parse.GetValue(source)?.FullName ?? CodebookSources.ResolveRoot(scope.ServiceProvider.GetRequiredService<IOptions<CodebooksOptions>>().Value.SourceRoot);
            if (root is null || !Directory.Exists(root))
            {
                Console.Error.WriteLine($"codebook source folder not found (pass --source or set ${CodebookSources.EnvironmentVariable})");
                return 2;
            }
            HashSet<CodeSystem>? systems = null;
            var names = parse.GetValue(only) ?? [];
            var severity = names.Length == 0 || names.Contains("severity", StringComparer.OrdinalIgnoreCase);
            foreach (var name in names.Where(n => !n.Equals("severity", StringComparison.OrdinalIgnoreCase)))
            {
                if (CodeFormat.ParseSystem(name) is not { } s) { Console.Error.WriteLine($"unknown system '{name}'"); return 2; }
                (systems ??= []).Add(s);
            }
            await Database.MigrateAsync(scope.ServiceProvider, ct);
            var failed = false;
            if (names.Length == 0 || systems is not null)
            {
                var request = new ImportRequest(root, systems, parse.GetValue(cptFile)?.FullName, parse.GetValue(cptYear));
                var report = await RunImportAsync(scope.ServiceProvider.GetRequiredService<CodebookImporter>(), request, ct);
                Print(report);
                failed = report.Releases.Any(r => r.Outcome == ReleaseOutcome.Refused && r.System != CodeSystem.Cpt);
            }
            if (severity)
            {
                var lists = await scope.ServiceProvider.GetRequiredService<SeverityImporter>().ImportAsync(root, ct);
                PrintSeverity(lists);
                failed |= lists.Any(l => l.Outcome == ReleaseOutcome.Refused);
            }
            return failed ? 1 : 0;
        });
        return command;
    }

    /// <summary>Runs the import behind a progress bar per stage.</summary>
    public static async Task<ImportReport> RunImportAsync(CodebookImporter importer, ImportRequest request, CancellationToken ct)
    {
        ImportReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SyncProgress(p =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                            tasks[p.Stage] = task = ctx.AddTask(Markup.Escape(p.Stage), maxValue: Math.Max(1, p.Total));
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        if (p.Done >= p.Total) task.StopTask();
                    }
                });
                report = await importer.ImportAsync(request, progress, ct);
            });
        return report!;
    }

    private static void Print(ImportReport report)
    {
        var table = new Table().AddColumns("system", "version", "outcome", "codes", "billable", "new terms", "new notes", "seconds");
        foreach (var r in report.Releases)
            table.AddRow(CodeFormat.Slug(r.System), r.Version + (r.Derived ? " (derived)" : ""), r.Outcome.ToString(),
                r.Codes.ToString("N0", CultureInfo.InvariantCulture), r.Billable.ToString("N0", CultureInfo.InvariantCulture),
                r.NewTerms.ToString("N0", CultureInfo.InvariantCulture), r.NewNotes.ToString("N0", CultureInfo.InvariantCulture),
                r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        Console.WriteLine($"guideline chunks: {report.NewGuidelineChunks} new; tabular note chunks: {report.NewTabularChunks} new");
        foreach (var p in report.PoaExempt)
            Console.WriteLine($"POA-exempt list icd10cm {p.Version}: {p.Outcome}, {p.Codes:N0} codes"
                + (p.Unknown > 0 ? $", {p.Unknown:N0} not in the release (skipped)" : "") + $" ({p.Elapsed.TotalSeconds:F1} s)");
        foreach (var (stage, elapsed) in report.Timings)
            Console.WriteLine($"  {stage}: {elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"total: {report.Total.TotalSeconds:F1} s");
        foreach (var w in report.Warnings) Console.Error.WriteLine($"warning: {w}");
    }

    private static void PrintSeverity(IReadOnlyList<SeverityImportResult> lists)
    {
        if (lists.Count == 0) Console.WriteLine("severity lists: none found (msdrg-vNN/, cms-hcc-YYYY/)");
        var table = new Table().AddColumns("severity list", "version", "outcome", "entries", "exclusions / hierarchies", "seconds", "note");
        foreach (var l in lists)
            table.AddRow(l.Kind == SeverityListKind.CcMcc ? "MS-DRG CC/MCC" : "CMS-HCC", l.Version, l.Outcome.ToString(),
                l.Entries.ToString("N0", CultureInfo.InvariantCulture), l.Exclusions.ToString("N0", CultureInfo.InvariantCulture),
                l.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), Markup.Escape(l.Note));
        AnsiConsole.Write(table);
    }

    private static Command Lookup()
    {
        var code = new Argument<string>("code") { Description = "E11.9, e119, 0016070, J0129, 99213 ..." };
        var date = new Option<DateOnly?>("--date") { Description = "Date of service (yyyy-MM-dd): use the release in force then and say whether the code is valid and billable" };
        var system = new Option<string?>("--system") { Description = "icd10cm, pcs, hcpcs or cpt (default: all)" };
        var command = new Command("lookup", "Look a code up exactly") { code, date, system };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
            var sys = CodeFormat.ParseSystem(parse.GetValue(system));
            var when = parse.GetValue(date);
            var found = await search.LookupAsync(parse.GetValue(code)!, sys, when, ct);
            if (when is { } d)
            {
                foreach (var s in sys is { } one ? [one] : found.Select(f => f.System).DefaultIfEmpty(CodeSystem.Icd10Cm).Distinct())
                    Console.WriteLine((await search.CheckAsync(s, parse.GetValue(code)!, d, ct)).Message);
            }
            if (found.Count == 0)
            {
                Console.WriteLine($"{parse.GetValue(code)}: not found{(when is null ? "" : $" in the releases in force on {when:yyyy-MM-dd}")}");
                return 1;
            }
            foreach (var c in found)
            {
                Console.WriteLine($"{CodeFormat.Slug(c.System)} {c.Release.Version}{(c.Release.Derived ? " (derived)" : "")}  {c.Display}  {(c.Billable ? "billable" : c.Kind.ToString().ToLowerInvariant())}");
                Console.WriteLine($"  {c.Title}");
                Console.WriteLine($"  chapter {c.Chapter ?? "-"}, block {c.Block ?? "-"}, category {c.Category ?? "-"}, parent {c.Parent ?? "-"}");
                if (c.System == CodeSystem.Icd10Cm)
                {
                    foreach (var n in await search.NotesAsync(c.Code, ct))
                        Console.WriteLine($"  [{n.Code} {TabularChunker.Label(n.Kind)}, FY{n.SourceYear} tabular] {n.Text}");
                    // What the review UI and the adjudication prompt show with this code, in that order.
                    Console.WriteLine("  guidelines shown with this code:");
                    foreach (var g in await search.GuidelinesForCodeAsync(c.System, c.Code, when, 5, ct))
                    {
                        Console.WriteLine($"    {Citation(g)}  {g.Heading}\n        {Snippet(g.Text, 200)}");
                    }
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Search()
    {
        var text = new Argument<string>("text") { Description = "Plain words: \"type 2 diabetes with high blood sugar\"" };
        var system = new Option<string?>("--system") { Description = "icd10cm, pcs, hcpcs or cpt (default: all)" };
        var date = new Option<DateOnly?>("--date") { Description = "Date of service (yyyy-MM-dd)" };
        var top = new Option<int>("--top") { Description = "How many results", DefaultValueFactory = _ => 10 };
        var guidelines = new Option<bool>("--guidelines") { Description = "Search the Official Guidelines and Tabular notes instead of codes" };
        var command = new Command("search", "Hybrid (vector + full-text) search over codes, inclusion and index terms, or guidelines") { text, system, date, top, guidelines };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
            if (parse.GetValue(guidelines))
            {
                foreach (var g in await search.SearchGuidelinesAsync(parse.GetValue(text)!, parse.GetValue(date), parse.GetValue(top), ct))
                {
                    Console.WriteLine($"{g.Score:F4}  {Citation(g)}\n        {Snippet(g.Text, 240)}");
                }
                return 0;
            }
            var hits = await search.SearchAsync(new SearchQuery(parse.GetValue(text)!, CodeFormat.ParseSystem(parse.GetValue(system)), parse.GetValue(date), parse.GetValue(top)), ct);
            foreach (var h in hits)
                Console.WriteLine($"{h.Score:F4}  {CodeFormat.Slug(h.System),-8} {h.Display,-9} {(h.Billable ? " " : "H")} {h.Title}\n        ↳ {(h.Dense ? "vector" : "")}{(h.Dense && h.Lexical ? "+" : "")}{(h.Lexical ? "text" : "")} {h.MatchedKind}: {h.MatchedText}");
            return hits.Count == 0 ? 1 : 0;
        });
        return command;
    }

    private static string Citation(GuidelineHit g) => g.Source == GuidelineSource.OfficialGuidelines
        ? $"Guidelines FY{g.SourceYear} {g.SectionPath}, p. {g.Page}"
        : $"Tabular FY{g.SourceYear} {g.SectionPath}";

    private static string Snippet(string text, int max) => (text.Length > max ? text[..max] + "…" : text).ReplaceLineEndings(" ");

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
