using System.Globalization;
using System.Text;
using System.Text.Json;
using Coding.Core.Engine;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation;
using Coding.Core.Evaluation.CodiEsp;
using Coding.Core.Suggestions;

namespace Coding.Cli.Commands;

/// <summary>Scores an <see cref="EngineEvaluationRun"/> and writes metrics.json, report.md and submission-D.tsv.</summary>
internal static class EvalReport
{
    private static readonly double[] FamilyCuts = [0, 0.2, 0.4, 0.6, 0.8, 1.0];

    public static void Write(string outDir, string name, IReadOnlyList<EvaluationDocument> documents,
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold, EngineEvaluationRun run, TermLexicon lexicon, CodingPriors priors, CodeEdition? edition = null,
        IReadOnlyList<GoldDocument>? goldDocuments = null)
    {
        // Scored in the gold's edition (CodiEsp: FY2017, through the conversion table); the strict row compares the
        // release's own codes as written, encounter character included.
        var strict = run;
        if (edition is not null)
            run = run.InEdition(edition);
        var t = run.Threshold;
        var full = CodingMetrics.Classification(gold, run.Ranked, CodeGranularity.Full, minScore: t);
        var category = CodingMetrics.Classification(gold, run.Ranked, CodeGranularity.Category, minScore: t);
        var exact = CodingMetrics.Classification(gold, strict.Ranked, CodeGranularity.Exact, minScore: t);
        var map = MeanAveragePrecision.Compute(gold, run.Ranked);
        var recallFull = CodingMetrics.CandidateRecall(gold, run.Candidates, CodeGranularity.Full);
        var recallCategory = CodingMetrics.CandidateRecall(gold, run.Candidates, CodeGranularity.Category);
        var chapters = CodingMetrics.ByChapter(gold, run.Ranked, minScore: t);
        var calibration = CodingMetrics.Calibration(gold, run.Ranked);
        var quirks = Quirks(gold, run, lexicon, edition);
        var reachable = gold.ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Value.Where(c => !quirks.Unreachable.Contains((g.Key, CodeKey.Match(c)))).ToHashSet());
        var fullReachable = CodingMetrics.Classification(reachable, run.Ranked, CodeGranularity.Full, minScore: t);
        var families = Families(gold, run);
        var bySetting = BySetting(goldDocuments, run, t);

        Directory.CreateDirectory(outDir);
        var metrics = new
        {
            name, documents = documents.Count, policy = run.Policy.ToString().ToLowerInvariant(),
            settings = bySetting.Select(x => new { setting = x.Setting, Documents = x.Notes, precision = x.Full.Precision, recall = x.Full.Recall, f1 = x.Full.F1,
                strictF1 = x.Strict.F1, leadCorrect = x.LeadCorrect, leadGold = x.LeadGold, leadAccuracy = x.LeadAccuracy,
                suggestionsPerNote = x.SuggestionsPerNote, goldPerNote = x.GoldCodesPerNote }),
            engine = $"{DeterministicEngine.EngineName} {DeterministicEngine.EngineVersion}",
            release = $"ICD-10-CM {lexicon.ReleaseVersion}", priors = priors.Source, threshold = t,
            full = Scores(full), category = Scores(category), exact = Scores(exact),
            map = map.Map, mapDocuments = map.Documents,
            candidateRecall = new { full = recallFull.Recall, fullFound = recallFull.Found, category = recallCategory.Recall, categoryFound = recallCategory.Found, gold = recallFull.Total },
            suggested = run.SuggestedCodes, invalidCodes = run.InvalidCodes, evidenceSpans = run.Spans,
            evidenceValidity = run.Spans == 0 ? 1 : (double)run.ValidSpans / run.Spans, suggestionsWithoutEvidence = run.SuggestionsWithoutEvidence,
            cpuMsPerDocument = run.EngineCpu.TotalMilliseconds / Math.Max(1, documents.Count),
            dense = run.Dense is not { } d ? null : new
            {
                phrasesPerDocument = (double)d.Phrases / Math.Max(1, documents.Count), databaseMsPerDocument = d.Database.TotalMilliseconds / Math.Max(1, documents.Count),
                denseOnlyCandidatesPerDocument = (double)d.DenseOnlyCandidates / Math.Max(1, documents.Count), denseOnlySuggested = d.DenseOnlySuggested, denseOnlySuggestedGold = d.DenseOnlySuggestedGold,
            },
            chapters = chapters.Select(c => new { chapter = c.Chapter?.Number, title = c.Chapter?.Title, tp = c.Counts.TruePositives, fp = c.Counts.FalsePositives, fn = c.Counts.FalseNegatives, precision = c.Counts.Precision, recall = c.Counts.Recall, f1 = c.Counts.F1 }),
            calibration = calibration.Select(b => new { b.Lower, b.Upper, b.Predictions, b.Correct, b.MeanScore, b.Precision }),
            familyCalibration = families,
            removedByRule = run.RemovedByRule, removedGoldByRule = run.RemovedGoldByRule,
            quirks = new { quirks.GoldCodes, quirks.Headers, quirks.NotInRelease, quirks.WithoutSeventhCharacter, quirks.ReplacedSinceEdition, edition = edition?.Name, quirks.OnlyExcludedMentions, fullF1OnReachableGold = fullReachable.Micro.F1 },
        };
        File.WriteAllText(Path.Combine(outDir, "metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        using (var writer = new StreamWriter(Path.Combine(outDir, "submission-D.tsv")))
            CodiEspSubmission.Write(writer, run.Ranked);
        WriteMisses(Path.Combine(outDir, "misses.tsv"), gold, run, lexicon, edition);
        WritePredictions(Path.Combine(outDir, "predictions.tsv"), gold, run, t);
        File.WriteAllLines(Path.Combine(outDir, "removals.tsv"),
            run.Removals.Select(r => $"{r.Document}\t{r.Code}\t{r.Rule}\t{r.By}\t{(r.Gold ? 1 : 0)}").Prepend("doc\tcode\trule\tby\tgold"));

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Evaluation: {name}\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"{documents.Count} documents, {recallFull.Total} gold diagnosis codes; engine {metrics.engine}, {metrics.release}, priors: {priors.Source}; threshold {t:F3} (best micro-F1 on train).\n");
        md.AppendLine("| metric | full code | 3-char category |\n|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| micro P / R / F1 | {full.Micro.Precision:F3} / {full.Micro.Recall:F3} / {full.Micro.F1:F3} | {category.Micro.Precision:F3} / {category.Micro.Recall:F3} / {category.Micro.F1:F3} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| macro P / R / F1 | {full.MacroPrecision:F3} / {full.MacroRecall:F3} / {full.MacroF1:F3} | {category.MacroPrecision:F3} / {category.MacroRecall:F3} / {category.MacroF1:F3} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| micro P / R / F1, strict (ICD-10-CM {lexicon.ReleaseVersion} codes as written, 7th character compared) | {exact.Micro.Precision:F3} / {exact.Micro.Recall:F3} / {exact.Micro.F1:F3} | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| candidate recall | {recallFull.Recall:F3} ({recallFull.Found}/{recallFull.Total}) | {recallCategory.Recall:F3} ({recallCategory.Found}/{recallCategory.Total}) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"\nMAP (official CodiEsp definition, all ranked validated codes): **{map.Map:F3}** over {map.Documents} documents.  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Suggested codes: {run.SuggestedCodes}; invalid (not billable in the release): **{run.InvalidCodes}**; evidence spans valid: **{metrics.evidenceValidity:P2}** ({run.ValidSpans}/{run.Spans}); suggestions without evidence: {run.SuggestionsWithoutEvidence}; engine CPU {metrics.cpuMsPerDocument:F2} ms/document (in-process, includes JIT warm-up).\n");
        if (bySetting.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## Per setting (policy {metrics.policy}, full code at the threshold)\n\n| setting | notes | micro P / R / F1 | strict F1 (7th character compared) | principal / first-listed correct | suggestions per note | gold per note |\n|---|---|---|---|---|---|---|");
            foreach (var x in bySetting)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {x.Setting} | {x.Notes} | {x.Full.Precision:F3} / {x.Full.Recall:F3} / {x.Full.F1:F3} | {x.Strict.F1:F3} | {(x.LeadAccuracy is { } a ? $"{a:F3} ({x.LeadCorrect}/{x.LeadGold})" : "-")} | {x.SuggestionsPerNote:F2} | {x.GoldCodesPerNote:F2} |");
            md.AppendLine();
        }
        if (run.Dense is { } dense)
            md.AppendLine(CultureInfo.InvariantCulture, $"Dense retrieval (Engine:Dense): {metrics.dense!.phrasesPerDocument:F1} phrases/document in one round trip, database {metrics.dense.databaseMsPerDocument:F2} ms/document (wall, round trip); {metrics.dense.denseOnlyCandidatesPerDocument:F1} dense-only candidates/document; {dense.DenseOnlySuggested} dense-only suggestions, {dense.DenseOnlySuggestedGold} of them gold.\n");
        md.AppendLine("## Per chapter (full code, at the threshold)\n\n| ch | title | TP | FP | FN | P | R | F1 |\n|---|---|---|---|---|---|---|---|");
        foreach (var c in chapters)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Chapter?.Number.ToString(CultureInfo.InvariantCulture) ?? "-"} | {c.Chapter?.Title ?? "not ICD-10-CM shaped"} | {c.Counts.TruePositives} | {c.Counts.FalsePositives} | {c.Counts.FalseNegatives} | {c.Counts.Precision:F2} | {c.Counts.Recall:F2} | {c.Counts.F1:F2} |");
        md.AppendLine("\n## Calibration (all ranked codes)\n\n| confidence | predictions | correct | precision | mean confidence |\n|---|---|---|---|---|");
        foreach (var b in calibration)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {b.Lower:F1}–{b.Upper:F1} | {b.Predictions} | {b.Correct} | {b.Precision?.ToString("F2", CultureInfo.InvariantCulture) ?? "-"} | {b.MeanScore?.ToString("F2", CultureInfo.InvariantCulture) ?? "-"} |");
        md.AppendLine("\n## Precision by confidence per code family (chapter) — for choosing auto-accept thresholds\n");
        md.AppendLine("| ch | " + string.Join(" | ", FamilyCuts.Skip(1).Select((u, i) => $"{FamilyCuts[i]:F1}–{u:F1}")) + " |\n|---|" + string.Concat(Enumerable.Repeat("---|", FamilyCuts.Length - 1)));
        foreach (var f in families)
            md.AppendLine($"| {f.Chapter} | " + string.Join(" | ", f.Buckets.Select(b => b.Predictions == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{(double)b.Correct / b.Predictions:F2} ({b.Predictions})"))) + " |");
        md.AppendLine("\n## Gold-set quirks and what they cost\n");
        if (edition is not null)
            md.AppendLine(CultureInfo.InvariantCulture, $"- Gold written in {edition.Name}: {quirks.ReplacedSinceEdition} gold codes ({(double)quirks.ReplacedSinceEdition / quirks.GoldCodes:P1}) were split or replaced by later releases (R51 → R51.0, R51.9); the engine's codes are compared in the gold's edition through the ICD-10-CM {lexicon.ReleaseVersion} conversion table ({edition.Conversions} newer codes written as the code they replaced; the submission is written so too).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {quirks.Headers} of {quirks.GoldCodes} gold codes ({(double)quirks.Headers / quirks.GoldCodes:P1}) are headers in ICD-10-CM {lexicon.ReleaseVersion}: never suggested (US rules), each a false negative at full code.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {quirks.NotInRelease} ({(double)quirks.NotInRelease / quirks.GoldCodes:P1}) do not exist in ICD-10-CM {lexicon.ReleaseVersion} (2018 Spanish edition codes).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {quirks.WithoutSeventhCharacter} ({(double)quirks.WithoutSeventhCharacter / quirks.GoldCodes:P1}) are injury or external-cause codes written without their 7th (encounter) character, whose initial-encounter code is billable (\"s72.001\" for S72.001A). The engine proposes the initial encounter and leaves the encounter to the coder, so full codes compare without it (the strict row above compares it); they are not counted as headers here.");
        md.Append(CultureInfo.InvariantCulture, $"- {quirks.OnlyExcludedMentions.Values.Sum()} ({(double)quirks.OnlyExcludedMentions.Values.Sum() / quirks.GoldCodes:P1}) were reached only through mentions the engine may not code: ")
            .AppendLine(string.Join(", ", quirks.OnlyExcludedMentions.Select(e => $"{e.Key} {e.Value}")) + ".");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Full-code micro-F1 with those gold codes removed: {fullReachable.Micro.F1:F3} (vs {full.Micro.F1:F3}).");
        md.AppendLine("\n## Validator removals (all ranked candidates) and how many were gold\n\n| rule | removed | of which gold |\n|---|---|---|");
        foreach (var (rule, count) in run.RemovedByRule.OrderByDescending(r => r.Value))
            md.AppendLine(CultureInfo.InvariantCulture, $"| {rule} | {count} | {run.RemovedGoldByRule.GetValueOrDefault(rule)} |");
        File.WriteAllText(Path.Combine(outDir, "report.md"), md.ToString());
        Console.WriteLine(md.ToString());
        Console.WriteLine($"written: {outDir}/metrics.json, report.md, submission-D.tsv, predictions.tsv, removals.tsv");
    }

    /// <summary>Every ranked code per document with its confidence, whether it is suggested, gold, the lead: codes only, no note text.</summary>
    private static void WritePredictions(string path, IReadOnlyDictionary<string, IReadOnlySet<string>> gold, EngineEvaluationRun run, double t)
    {
        using var writer = new StreamWriter(path);
        writer.Write("doc\tsetting\tcode\tconfidence\tsuggested\tgold\tlead\n");
        foreach (var (doc, ranked) in run.Ranked.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var keys = gold.GetValueOrDefault(doc)?.Select(CodeKey.Match).ToHashSet() ?? [];
            var setting = run.Settings.TryGetValue(doc, out var s) ? s.ToString().ToLowerInvariant() : "";
            var lead = run.Lead.GetValueOrDefault(doc);
            foreach (var p in ranked)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{doc}\t{setting}\t{p.Code}\t{p.Score:F4}\t{(p.Score >= t ? 1 : 0)}\t{(keys.Contains(CodeKey.Match(p.Code)) ? 1 : 0)}\t{(p.Code == lead ? 1 : 0)}\n"));
        }
    }

    /// <summary>
    /// Micro scores per care setting, all settings together last ("all"), with how often the principal / first-listed
    /// suggestion is the gold's: the suggestions at the threshold scored as `coding demo` scores stored sets
    /// (<see cref="StoredSetScore"/>), each note in the setting it was coded in. Only our JSONL gold names leads.
    /// </summary>
    private static List<StoredSetTally> BySetting(IReadOnlyList<GoldDocument>? goldDocuments, EngineEvaluationRun run, double t)
    {
        if (goldDocuments is null)
            return [];
        var stored = run.Ranked.ToDictionary(e => e.Key, e => (IReadOnlyList<StoredCode>)e.Value.Where(p => p.Score >= t)
            .Select(p => new StoredCode(p.Code, run.Lead.GetValueOrDefault(e.Key) == p.Code ? run.Settings[e.Key].LeadRole() : DiagnosisRole.Secondary))
            .ToList(), StringComparer.Ordinal);
        var score = StoredSetScore.Of(goldDocuments.Select(d => d with { Setting = run.Settings.GetValueOrDefault(d.ExternalId, d.Setting ?? default) }).ToList(), stored);
        return [.. score.Settings, score.All];
    }

    /// <summary>Gold codes that never became candidates, with why where known: the list to work through next.</summary>
    private static void WriteMisses(string path, IReadOnlyDictionary<string, IReadOnlySet<string>> gold, EngineEvaluationRun run, TermLexicon lexicon, CodeEdition? edition)
    {
        using var writer = new StreamWriter(path);
        writer.Write("doc\tcode\treason\ttitle\n");
        foreach (var (doc, codes) in gold.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var candidates = run.Candidates.GetValueOrDefault(doc)?.Select(CodeKey.Match).ToHashSet() ?? [];
            var excluded = ExcludedByKey(run, doc);
            foreach (var code in codes.DistinctBy(CodeKey.Match).Where(c => !candidates.Contains(CodeKey.Match(c))))
            {
                var (entry, _) = GoldEntry(code, lexicon);
                // A code later releases split (the gold's R51) is reachable through its children: a miss like any other.
                var reachable = entry is { Billable: true } || edition?.WasReplaced(code) == true;
                var reason = reachable ? (excluded.TryGetValue(CodeKey.Match(code), out var status) ? status.ToLowerInvariant() : "no-candidate")
                    : entry is null ? "not-in-release" : "header";
                writer.Write($"{doc}\t{CodeKey.Exact(code)}\t{reason}\t{entry?.Title}\n");
            }
        }
    }

    private static object Scores(ClassificationScores s) => new
    {
        microPrecision = s.Micro.Precision, microRecall = s.Micro.Recall, microF1 = s.Micro.F1,
        macroPrecision = s.MacroPrecision, macroRecall = s.MacroRecall, macroF1 = s.MacroF1,
        tp = s.Micro.TruePositives, fp = s.Micro.FalsePositives, fn = s.Micro.FalseNegatives,
    };

    private sealed record QuirkCounts(int GoldCodes, int Headers, int NotInRelease, int WithoutSeventhCharacter, int ReplacedSinceEdition, Dictionary<string, int> OnlyExcludedMentions, HashSet<(string, string)> Unreachable);

    private static QuirkCounts Quirks(IReadOnlyDictionary<string, IReadOnlySet<string>> gold, EngineEvaluationRun run, TermLexicon lexicon, CodeEdition? edition)
    {
        int total = 0, headers = 0, absent = 0, seventh = 0, replaced = 0;
        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var unreachable = new HashSet<(string, string)>();
        foreach (var (doc, codes) in gold)
        {
            var candidates = run.Candidates.GetValueOrDefault(doc)?.Select(CodeKey.Match).ToHashSet() ?? [];
            var excludedHere = ExcludedByKey(run, doc);
            foreach (var code in codes.DistinctBy(CodeKey.Match))
            {
                total++;
                var key = CodeKey.Match(code);
                var (entry, initialEncounter) = GoldEntry(code, lexicon);
                if (initialEncounter)
                    seventh++;
                if (entry is not { Billable: true } && edition?.WasReplaced(code) == true)
                {
                    replaced++;
                    continue;
                }
                if (entry is null) { absent++; unreachable.Add((doc, key)); }
                else if (!entry.Billable) { headers++; unreachable.Add((doc, key)); }
                else if (!candidates.Contains(key) && excludedHere.TryGetValue(key, out var status))
                {
                    excluded[status] = excluded.GetValueOrDefault(status) + 1;
                    unreachable.Add((doc, key));
                }
            }
        }
        return new QuirkCounts(total, headers, absent, seventh, replaced, excluded, unreachable);
    }

    /// <summary>
    /// The codebook entry a gold code stands for: its own, or, for an injury or external-cause code CodiEsp writes
    /// without the 7th character ("S92.322" for S92.322A), its billable initial-encounter code (compared without that
    /// character, see <see cref="CodeKey"/>, it is reachable). Null when the release has neither.
    /// </summary>
    private static (LexiconCode? Entry, bool InitialEncounter) GoldEntry(string goldCode, TermLexicon lexicon)
    {
        var own = lexicon.Code(CodeKey.Exact(goldCode));
        return own is not { Billable: true } && CodeKey.InitialEncounter(goldCode) is { } completed && lexicon.Code(completed) is { Billable: true } initial
            ? (initial, true)
            : (own, false);
    }

    /// <summary>A document's codes reached only through excluded mentions, keyed as gold codes compare.</summary>
    private static Dictionary<string, string> ExcludedByKey(EngineEvaluationRun run, string doc) =>
        (run.ExcludedStatus.GetValueOrDefault(doc) ?? new Dictionary<string, string>())
            .GroupBy(e => CodeKey.Match(e.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private sealed record FamilyBucket(int Predictions, int Correct);
    private sealed record Family(string Chapter, IReadOnlyList<FamilyBucket> Buckets);

    private static List<Family> Families(IReadOnlyDictionary<string, IReadOnlySet<string>> gold, EngineEvaluationRun run)
    {
        var counts = new SortedDictionary<int, (int[] N, int[] C)>();
        foreach (var (doc, list) in run.Ranked)
        {
            var expected = gold.GetValueOrDefault(doc)?.Select(CodeKey.Match).ToHashSet() ?? [];
            foreach (var p in list)
            {
                var chapter = IcdChapters.Of(CodeKey.Match(p.Code))?.Number ?? 0;
                if (!counts.TryGetValue(chapter, out var c))
                    counts[chapter] = c = (new int[FamilyCuts.Length - 1], new int[FamilyCuts.Length - 1]);
                var bucket = Math.Min(FamilyCuts.Length - 2, (int)(p.Score * (FamilyCuts.Length - 1)));
                c.N[bucket]++;
                if (expected.Contains(CodeKey.Match(p.Code))) c.C[bucket]++;
            }
        }
        return counts.Select(e => new Family(e.Key.ToString(CultureInfo.InvariantCulture), e.Value.N.Select((n, i) => new FamilyBucket(n, e.Value.C[i])).ToList())).ToList();
    }
}
