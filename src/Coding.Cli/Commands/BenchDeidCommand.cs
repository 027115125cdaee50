using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Coding.Core.Codebooks;
using Coding.Core.Privacy;
using Coding.Core.Privacy.Evaluation;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding bench deid [--jsonl FILE]`: recall per identifier kind on an annotated set (default
/// eval/gold/deid/dev.jsonl), the share of words that must stay that were touched, and over-redaction on real notes:
/// the share of codebook words (ICD-10-CM titles, Table of Drugs substances) removed from the CodiEsp dev and US notes.
/// Needs no database. Prints counts only; --leaks prints the kind and text of each identifier missed (synthetic sets).
/// </summary>
internal static class BenchDeidCommand
{
    public static Command Create()
    {
        var jsonl = new Option<FileInfo[]>("--jsonl") { Description = "Annotated set(s) (id, text, phi[], keep[]); default eval/gold/deid/dev.jsonl and own.jsonl", AllowMultipleArgumentsPerToken = true };
        var leaks = new Option<bool>("--leaks") { Description = "Print each identifier missed and each keep span touched (synthetic sets only: prints their text)" };
        var codebooks = new Option<DirectoryInfo?>("--codebooks") { Description = "Codebook folder (default ../shared/codebooks)" };
        var real = new Option<string[]>("--real") { Description = "Already de-identified notes to measure over-redaction on: folders of .txt or .jsonl files (default CodiEsp dev and US train)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("deid", "Recall per kind, keep damage, codebook words removed from real notes, ms per note") { jsonl, leaks, codebooks, real };
        command.SetAction(parse =>
        {
            var repo = CodebookSources.FindRepoRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            var sets = parse.GetValue(jsonl) is { Length: > 0 } given ? given.Select(f => f.FullName).ToArray()
                : new[] { "dev.jsonl", "own.jsonl" }.Select(f => Path.Combine(repo, "eval", "gold", "deid", f)).Where(File.Exists).ToArray();
            foreach (var set in sets)
            {
                var notes = DeidGold.Load(set);
                var show = parse.GetValue(leaks);
                var score = DeidGold.Score(notes, n => new SafeHarborDeidentifier(SafeHarborDeidentifier.DateShiftFor(n.Id)),
                    (n, p, ok) => { if (show && !ok) Console.WriteLine($"  missed {p.Kind}: {n.Text[p.Start..p.End]} | {Context(n.Text, p.Start, p.End)}"); },
                    (n, k) => { if (show) Console.WriteLine($"  touched {k.Kind}: {n.Text[k.Start..k.End]} | {Context(n.Text, k.Start, k.End)}"); });
                Print(Path.GetFileName(set), score);
            }
            var root = parse.GetValue(codebooks)?.FullName ?? CodebookSources.ResolveRoot();
            if (root is not null)
                RealNotes(root, repo, parse.GetValue(real) ?? [], parse.GetValue(leaks));
            else
                Console.WriteLine("codebook damage on real notes: skipped (no ../shared/codebooks)");
            return 0;
        });
        return command;
    }

    private static string Context(string text, int start, int end) =>
        $"{text[Math.Max(0, start - 40)..start]}<<{text[start..end]}>>{text[end..Math.Min(text.Length, end + 40)]}".Replace('\n', ' ');

    private static void Print(string name, DeidScore s)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"{name}: {s.Notes} notes, {s.Overall.Total} identifiers (removed = every letter and digit inside a replaced span)");
        Console.WriteLine("| kind | removed | total | recall |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var k in s.PerKind)
            Console.WriteLine(string.Create(c, $"| {k.Kind} | {k.Removed} | {k.Total} | {k.Recall:P1} |"));
        Console.WriteLine(string.Create(c, $"| **overall** | {s.Overall.Removed} | {s.Overall.Total} | {s.Overall.Recall:P1} |"));
        var perKind = string.Join(", ", s.KeepTouchedPerKind.Select(k => $"{k.Kind} {k.Removed}/{k.Total}"));
        Console.WriteLine(string.Create(c, $"keep spans touched: {s.KeepTouched.Removed}/{s.KeepTouched.Total} ({(double)s.KeepTouched.Removed / Math.Max(1, s.KeepTouched.Total):P2}); {perKind}"));
        Console.WriteLine(string.Create(c, $"ms per note: {s.MillisecondsPerNote:0.000} wall, {s.CpuMillisecondsPerNote:0.000} processor"));
        Console.WriteLine();
    }

    /// <summary>Codebook words (ICD-10-CM titles and Table of Drugs substances, four letters or more) on real notes, and the share removed.</summary>
    private static void RealNotes(string codebooks, string repo, string[] sources, bool show)
    {
        var words = CodebookWords(codebooks);
        var texts = new List<(string Source, string Text)>();
        // US dev is kept for measuring the coder: over-redaction is measured on US train and CodiEsp dev by default.
        if (sources.Length == 0)
            sources = [Path.Combine(repo, "..", "shared", "eval", "codiesp", "dev", "text_files_en"), Path.Combine(repo, "..", "shared", "eval", "usnotes", "train.jsonl")];
        foreach (var source in sources)
        {
            var full = Path.GetFullPath(source);
            var name = Directory.Exists(full) ? string.Join('-', full.Split(Path.DirectorySeparatorChar).TakeLast(3).SkipLast(1)) : Path.GetFileName(Path.GetDirectoryName(full)) + "-" + Path.GetFileNameWithoutExtension(full);
            if (Directory.Exists(full))
                texts.AddRange(Directory.EnumerateFiles(full, "*.txt").Order(StringComparer.Ordinal).Select(f => (name, File.ReadAllText(f))));
            else if (File.Exists(full))
                texts.AddRange(File.ReadLines(full).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
                    .Select(e => (name, (e.TryGetProperty("note", out var v) ? v : e.GetProperty("text")).GetString() ?? "")));
        }
        foreach (var group in texts.GroupBy(t => t.Source))
        {
            int occurrences = 0, removed = 0, drugs = 0, drugsRemoved = 0, notes = 0;
            var kinds = new Dictionary<PhiKind, int>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var (_, text) in group)
            {
                notes++;
                var result = new SafeHarborDeidentifier(17).Deidentify(text);
                var covered = new bool[text.Length + 1];
                foreach (var f in result.Found)
                    for (var i = f.Start; i < f.End; i++) covered[i] = true;
                foreach (var (k, n) in result.Counts) kinds[k] = kinds.GetValueOrDefault(k) + n;
                if (show)
                    foreach (var f in result.Found)
                        Console.WriteLine($"  replaced {f.Kind}: {text[f.Start..f.End]} | {Context(text, f.Start, f.End)}");
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"[A-Za-z]{4,}"))
                {
                    var w = m.Value.ToLowerInvariant();
                    if (!words.Titles.Contains(w) && !words.Drugs.Contains(w)) continue;
                    var hit = covered[m.Index] || covered[m.Index + m.Length - 1];
                    occurrences++; if (hit) removed++;
                    if (hit && show) Console.WriteLine($"  removed codebook word: {m.Value} | {Context(text, m.Index, m.Index + m.Length)}");
                    if (words.Drugs.Contains(w)) { drugs++; if (hit) drugsRemoved++; }
                }
            }
            clock.Stop();
            var replaced = string.Join(", ", kinds.OrderByDescending(k => k.Value).Select(k => $"{SafeHarborDeidentifier.Placeholder(k.Key)} {k.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key}: {notes} real notes, codebook words removed {removed}/{occurrences} ({(double)removed / Math.Max(1, occurrences):P2}), drug-table words removed {drugsRemoved}/{drugs} ({(double)drugsRemoved / Math.Max(1, drugs):P2}), {clock.Elapsed.TotalMilliseconds / Math.Max(1, notes):0.000} ms/note; replacements: {replaced}"));
        }
    }

    private static (HashSet<string> Titles, HashSet<string> Drugs) CodebookWords(string root)
    {
        // Function words in titles ("with", "other", "without") are not clinical words; four letters or more, less these.
        var stop = new HashSet<string>(["with", "without", "other", "than", "from", "into", "that", "this", "their", "unspecified", "specified", "elsewhere", "classified", "type", "part", "site", "left", "right", "each", "more", "less", "only", "also", "both", "such", "used", "when", "where", "which", "were", "have", "having", "after", "before", "during"], StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var drugs = new HashSet<string>(StringComparer.Ordinal);
        var order = Path.Combine(root, "icd10cm-2026", "icd10cm_order_2026.txt");
        if (File.Exists(order))
            foreach (var line in File.ReadLines(order).Where(l => l.Length > 77))
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line[77..], @"[A-Za-z]{4,}"))
                    titles.Add(m.Value.ToLowerInvariant());
        var drugCsv = Path.Combine(root, "icd10cm-2025", "icd10cm-drug-April-2025.csv");
        if (File.Exists(drugCsv))
            foreach (var line in File.ReadLines(drugCsv).Skip(2))
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line.Split(',')[0], @"[A-Za-z]{4,}"))
                    drugs.Add(m.Value.ToLowerInvariant());
        titles.ExceptWith(stop);
        drugs.ExceptWith(stop);
        return (titles, drugs);
    }
}
