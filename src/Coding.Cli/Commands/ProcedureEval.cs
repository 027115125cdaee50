using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Encounters;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Procedures;
using Coding.Core.Evaluation.CodiEsp;
using Coding.Core.Evaluation.Procedures;

namespace Coding.Cli.Commands;

/// <summary>
/// CodiEsp-P: ICD-10-PCS suggestions scored against a split's P file. Priors are learned from the TRAIN split beside it
/// (never from the split scored; scoring train itself is in-sample and says so). Codes only in the output, never note text.
/// </summary>
internal static class ProcedureEval
{
    public static Command Create()
    {
        var codiesp = new Option<DirectoryInfo>("--codiesp") { Description = "CodiEsp split scored (text_files_en/ + *P.tsv)", Required = true };
        var train = new Option<DirectoryInfo?>("--train") { Description = "CodiEsp TRAIN split the priors are learned from (default: train/ beside --codiesp)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default artifacts/eval/codiesp-<split>-en)" };
        var explain = new Option<string?>("--explain") { Description = "Print every Index mention of one document and its assertion (local use: prints note text)" };
        var command = new Command("procedures", "CodiEsp-P only: ICD-10-PCS suggestions, MAP, micro P/R/F1 at 7 and 4 characters") { codiesp, train, output, explain };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(codiesp)!;
            if (parse.GetValue(explain) is { } doc)
            {
                var text = CodiEspReader.ReadSplit(dir.FullName).Texts[doc];
                var note = NotePreparer.Prepare(text);
                foreach (var m in ProcedureMatcher.Find(note, Lexicon(null)))
                    Console.WriteLine($"{m.IndexCode}\t{m.MainTerm}\t{AssertionDetector.Assert(note, m.HeadStart, m.HeadEnd).Status}\t{text[m.Start..m.End]}");
                return 0;
            }
            Run(dir, parse.GetValue(train), parse.GetValue(output)?.FullName ?? Path.Combine("artifacts", "eval", $"codiesp-{dir.Name}-en"), null);
            return 0;
        });
        return command;
    }

    /// <summary>The release's lexicon: the newest PCS Index (FY2025 XML) over the valid codes of the FY2026 order file.</summary>
    public static ProcedureLexicon Lexicon(string? sourceRoot)
    {
        var root = CodebookSources.ResolveRoot(sourceRoot) ?? throw new InvalidOperationException("no codebook folder (Codebooks:SourceRoot)");
        var index = PcsIndex.Load(Path.Combine(root, "icd10pcs-2025", "icd10pcs_index_2025.xml"));
        var tables = PcsTables.Load(Path.Combine(root, "icd10pcs-2025", "icd10pcs_tables_2025.xml"));
        var codes = OrderFileParser.ReadFile(Path.Combine(root, "icd10pcs-2026", "icd10pcs_order_2026.txt")).Where(c => c.Billable).Select(c => c.Code);
        return ProcedureLexicon.Build(index, tables, codes, "2026");
    }

    /// <summary>The lexicon and priors learned from a CodiEsp TRAIN split (what the bench codes with).</summary>
    public static (ProcedureLexicon, ProcedurePriors) LearnedLexiconAndPriors(DirectoryInfo trainDir, string? sourceRoot)
    {
        var lexicon = Lexicon(sourceRoot);
        var train = CodiEspReader.ReadSplit(trainDir.FullName);
        return (lexicon, ProcedurePriorLearner.Learn(
            train.Documents.Select(d => new ProcedureTrainingDocument(d, NotePreparer.Prepare(train.Texts[d]), train.Procedures[d])).ToList(),
            lexicon, $"codiesp-{train.Name} P"));
    }

    public static void Run(DirectoryInfo dir, DirectoryInfo? trainDir, string outDir, string? sourceRoot)
    {
        var lexicon = Lexicon(sourceRoot);
        var trainPath = trainDir?.FullName ?? Path.Combine(dir.Parent!.FullName, "train");
        var train = CodiEspReader.ReadSplit(trainPath);
        var inSample = Path.GetFullPath(trainPath).TrimEnd('/') == dir.FullName.TrimEnd('/');
        var learnedOn = inSample ? ", cross-fitted: each train note scored by priors learned on the other folds" : "";
        var (priors, crossFitted) = ProcedurePriorLearner.LearnCrossFitted(
            train.Documents.Select(d => new ProcedureTrainingDocument(d, NotePreparer.Prepare(train.Texts[d]), train.Procedures[d])).ToList(),
            lexicon, $"codiesp-{train.Name} P");
        var split = CodiEspReader.ReadSplit(dir.FullName);
        var predictions = new Dictionary<string, IReadOnlyList<ProcedurePrediction>>(StringComparer.Ordinal);
        int invalid = 0, badEvidence = 0, suggested = 0, documented = 0;
        var cpu = TimeSpan.Zero;
        foreach (var id in split.Documents)
        {
            var text = split.Texts[id];
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var run = ProcedureCoder.Code(NotePreparer.Prepare(text), lexicon, priors, CareSetting.Inpatient);
            cpu += Process.GetCurrentProcess().TotalProcessorTime - before;
            predictions[id] = inSample ? crossFitted[id] : run.Candidates.Select(c => new ProcedurePrediction(c.Written, c.Confidence)).ToList();
            foreach (var c in run.Suggested)
            {
                suggested++;
                if (c.Documented) documented++;
                if (!lexicon.IsValid(c.Code)) invalid++;
                if (c.Mention.Start < 0 || c.Mention.End > text.Length || c.Mention.End <= c.Mention.Start) badEvidence++;
            }
        }
        var report = ProcedureScores.Compute(split.Procedures, predictions, priors.Threshold);
        Directory.CreateDirectory(outDir);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# CodiEsp-P {split.Name} (ICD-10-PCS {lexicon.ReleaseVersion}, priors {priors.Source}{learnedOn})\n");
        md.AppendLine(inv, $"MAP (official CodiEsp, codes as written): **{report.Map:F3}** over {report.MapDocuments} documents; at the stem {report.MapStem:F3}  ");
        md.AppendLine(inv, $"micro P / R / F1 as written (7 characters or stem): {Line(report.Written)}  ");
        md.AppendLine(inv, $"micro P / R / F1 at 4 characters: **{Line(report.Stem)}**  ");
        md.AppendLine(inv, $"candidate recall (gold stems any candidate reached): {report.CandidateRecall:F3}; cut {priors.Threshold:F2}  ");
        md.AppendLine(inv, $"suggested {suggested} ({documented} with every character documented), invalid codes {invalid}, evidence outside the note {badEvidence}; " +
            $"procedure CPU {cpu.TotalMilliseconds / Math.Max(1, split.Documents.Count):F2} ms per note (includes preparing the note)\n");
        md.AppendLine("| section | TP | FP | FN | P | R | F1 |\n|---|---|---|---|---|---|---|");
        foreach (var (key, c) in report.BySection) md.AppendLine(inv, $"| {key} | {c.TruePositives} | {c.FalsePositives} | {c.FalseNegatives} | {Line(c).Replace(" / ", " | ", StringComparison.Ordinal)} |");
        md.AppendLine("\n| section + operation (chars 1, 3) | TP | FP | FN | P | R | F1 |\n|---|---|---|---|---|---|---|");
        foreach (var (key, c) in report.ByOperation.Where(e => e.Value.TruePositives + e.Value.FalseNegatives >= 5))
            md.AppendLine(inv, $"| {key} | {c.TruePositives} | {c.FalsePositives} | {c.FalseNegatives} | {Line(c).Replace(" / ", " | ", StringComparison.Ordinal)} |");
        File.WriteAllText(Path.Combine(outDir, "procedures.md"), md.ToString());
        File.WriteAllText(Path.Combine(outDir, "procedures.json"), JsonSerializer.Serialize(new
        {
            split = split.Name, priors = priors.Source, map = report.Map, mapStem = report.MapStem, mapDocuments = report.MapDocuments,
            written = Counts(report.Written), stem = Counts(report.Stem), candidateRecall = report.CandidateRecall, threshold = priors.Threshold,
            suggested, documented, invalid, badEvidence,
            bySection = report.BySection.ToDictionary(e => e.Key, e => Counts(e.Value)),
            byOperation = report.ByOperation.ToDictionary(e => e.Key, e => Counts(e.Value)),
        }, new JsonSerializerOptions { WriteIndented = true }));
        using (var writer = new StreamWriter(Path.Combine(outDir, "submission-P.tsv")))
            foreach (var (doc, list) in predictions.OrderBy(e => e.Key, StringComparer.Ordinal))
                foreach (var p in list) writer.WriteLine($"{doc}\t{ProcedureScores.Key(p.Written)}");
        Console.Write(md.ToString());
    }

    private static string Line(Coding.Core.Evaluation.ConfusionCounts c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Precision:F3} / {c.Recall:F3} / {c.F1:F3}");

    private static object Counts(Coding.Core.Evaluation.ConfusionCounts c) =>
        new { tp = c.TruePositives, fp = c.FalsePositives, fn = c.FalseNegatives, precision = c.Precision, recall = c.Recall, f1 = c.F1 };
}
