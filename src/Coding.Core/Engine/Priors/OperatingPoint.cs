using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Validation;
using Coding.Core.Evaluation;

namespace Coding.Core.Engine.Priors;

/// <summary>
/// Chooses the confidence from which the worker suggests a code, on cross-fitted train predictions run through the
/// same validation the worker applies (<see cref="SuggestionValidator"/>): the cut with the best micro-F1 over what
/// is left. Choosing it before validation, as earlier rounds did, aims at a population the worker never suggests
/// from: Excludes1 and specificity edits remove mostly wrong candidates, so after them a lower cut pays.
/// </summary>
public static class OperatingPoint
{
    public static double Choose(IReadOnlyList<List<Candidate>> documents, IReadOnlyList<int> firstRow, IReadOnlyList<double> logOdds,
        IReadOnlyList<IReadOnlySet<string>> gold, TermLexicon lexicon, TextWriter? report, CodeEdition? edition = null)
    {
        var validated = Validated(documents, firstRow, logOdds, lexicon);
        var kept = validated.Select(r => r.Kept).ToList();
        var goldTotal = gold.Sum(g => g.Count);
        var scored = kept.SelectMany((k, d) => k.Select(c => (c.Confidence, gold[d].HoldsCode(c.Code, edition)))).ToList();
        var cut = PriorLearner.BestF1Threshold(scored, goldTotal);
        report?.WriteLine($"cross-fitted train after validation: threshold {cut}, {Describe(scored, cut, goldTotal)}");
        if (report is not null)
        {
            Explore(kept, gold, goldTotal, cut, report, edition);
            ExploreValidation(validated, gold, cut, report, edition);
        }
        return cut;
    }

    /// <summary>
    /// The cut for the claims policy: the Guidelines rules (<see cref="Claims.ClaimsRules"/>) read which codes are coded, so
    /// the cut changes what they remove; each cut of a grid is run through validation and the rules as the worker runs them
    /// and the best micro-F1 is kept.
    /// </summary>
    public static double ChooseForClaims(IReadOnlyList<List<Candidate>> documents, IReadOnlyList<int> firstRow, IReadOnlyList<double> logOdds,
        IReadOnlyList<IReadOnlySet<string>> gold, TermLexicon lexicon, TextWriter? report, IReadOnlyList<Preparation.PreparedNote> notes, IReadOnlyList<CareSetting> settings)
    {
        var validated = Validated(documents, firstRow, logOdds, lexicon);
        var goldTotal = gold.Sum(g => g.Count);
        var (best, bestF1, bestLine) = (0.5, -1.0, "");
        for (var cut = 0.05; cut < 0.951; cut += 0.01)
        {
            int suggested = 0, tp = 0;
            for (var d = 0; d < validated.Count; d++)
            {
                var (kept, _) = Claims.ClaimsRules.Apply(notes[d], validated[d].Kept.Select(Clone).ToList(), [], cut, lexicon, settings[d]);
                // Scored as the evaluation scores: by comparison key, so S52.531A and S52.531B are one code, not two hits.
                foreach (var key in kept.Where(c => c.Confidence >= cut).Select(c => CodeKey.Match(c.Code)).Distinct())
                {
                    suggested++;
                    if (gold[d].Contains(key))
                        tp++;
                }
            }
            double p = suggested == 0 ? 0 : (double)tp / suggested, r = goldTotal == 0 ? 0 : (double)tp / goldTotal;
            var f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            if (f1 > bestF1)
                (best, bestF1, bestLine) = (Math.Round(cut, 2), f1, $"P/R/F1 {p:F3}/{r:F3}/{f1:F3}");
        }
        report?.WriteLine($"cross-fitted train after validation and the claims rules: threshold {best}, {bestLine}");
        return best;
    }

    /// <summary>The rules add mentions to and raise combination codes; each cut starts from the validated candidates as they were.</summary>
    private static Candidate Clone(Candidate c) => c.As(c.Code, c.Title);

    /// <summary>Each document's candidates scored by the cross-fitted model, ranked, floored and validated as the worker does.</summary>
    private static List<ValidationResult> Validated(IReadOnlyList<List<Candidate>> documents, IReadOnlyList<int> firstRow, IReadOnlyList<double> logOdds, TermLexicon lexicon)
    {
        var result = new List<ValidationResult>(documents.Count);
        for (var d = 0; d < documents.Count; d++)
        {
            var ranked = new List<Candidate>();
            for (var j = 0; j < documents[d].Count; j++)
            {
                var c = documents[d][j];
                c.Score = logOdds[firstRow[d] + j];
                c.Confidence = 1 / (1 + Math.Exp(-c.Score));
                if (c.Confidence >= DeterministicCoder.ConfidenceFloor)
                    ranked.Add(c);
            }
            ranked.Sort((a, b) => b.Score.CompareTo(a.Score) is var o and not 0 ? o : string.CompareOrdinal(a.Code, b.Code));
            result.Add(SuggestionValidator.Validate(ranked, lexicon, null, PatientSex.Unknown));
        }
        return result;
    }

    public static string Describe(IReadOnlyCollection<(double Confidence, bool Hit)> scored, double cut, int goldTotal)
    {
        var suggested = scored.Count(s => s.Confidence >= cut);
        var tp = scored.Count(s => s.Confidence >= cut && s.Hit);
        double p = suggested == 0 ? 0 : (double)tp / suggested, r = (double)tp / goldTotal;
        return $"P/R/F1 {p:F3}/{r:F3}/{(p + r == 0 ? 0 : 2 * p * r / (p + r)):F3}";
    }

    /// <summary>
    /// What validation removed among the candidates confident enough to be suggested, per rule, how many were gold, and
    /// the pairs (kept code → removed code) that removed gold most often: the train-side view of the eval report's table.
    /// </summary>
    private static void ExploreValidation(List<ValidationResult> results, IReadOnlyList<IReadOnlySet<string>> gold, double cut, TextWriter report, CodeEdition? edition)
    {
        var rules = new SortedDictionary<string, (int Removed, int Gold)>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < results.Count; d++)
        {
            foreach (var r in results[d].Removed.Where(r => r.Candidate.Confidence >= cut))
            {
                var rule = r.Rule;
                var hit = gold[d].HoldsCode(r.Candidate.Code, edition);
                var e = rules.GetValueOrDefault(rule);
                rules[rule] = (e.Removed + 1, e.Gold + (hit ? 1 : 0));
                if (!hit || r.By is not { } by)
                    continue;
                var pair = $"{rule} {by}{(gold[d].HoldsCode(by, edition) ? " (gold)" : "")} → {r.Candidate.Code}";
                pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
            }
        }
        report.WriteLine($"  removed by validation at the cut (rule: removed / gold): {string.Join(", ", rules.Select(r => $"{r.Key} {r.Value.Removed} / {r.Value.Gold}"))}");
        report.WriteLine($"  gold removed most often: {string.Join("; ", pairs.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(10).Select(p => $"{p.Key} ×{p.Value}"))}");
    }

    private static void Explore(List<IReadOnlyList<Candidate>> kept, IReadOnlyList<IReadOnlySet<string>> gold, int goldTotal, double cut, TextWriter report, CodeEdition? edition)
    {
        foreach (var t in new[] { 0.15, 0.2, 0.25, 0.3, 0.35 })
            report.WriteLine($"  cut {t}: {Describe(kept.SelectMany((k, d) => k.Select(c => (c.Confidence, gold[d].HoldsCode(c.Code, edition)))).ToList(), t, goldTotal)}");
        // Per-document rules: the top k of every document whatever its confidence; or a candidate within x of the best.
        foreach (var top in new[] { 1, 2, 3 })
        {
            var s = kept.SelectMany((k, d) => k.OrderByDescending(c => c.Confidence).Select((c, i) => (i < top ? Math.Max(c.Confidence, cut) : c.Confidence, gold[d].HoldsCode(c.Code, edition)))).ToList();
            report.WriteLine($"  top {top} always: {Describe(s, cut, goldTotal)}");
        }
        foreach (var x in new[] { 0.5, 0.7, 0.9 })
        {
            var s = kept.SelectMany((k, d) => k.Select(c => (k.Count > 0 && c.Confidence >= x * k.Max(o => o.Confidence) && c.Confidence >= cut / 2 ? Math.Max(c.Confidence, cut) : c.Confidence, gold[d].HoldsCode(c.Code, edition)))).ToList();
            report.WriteLine($"  within {x} of best (and >= cut/2): {Describe(s, cut, goldTotal)}");
        }
        // Per chapter, chosen on four fifths of the documents and measured on the fifth (is it more than noise?).
        var chapterOf = (Candidate c) => Evaluation.IcdChapters.Of(c.Code)?.Number ?? 0;
        var outOfFold = new List<(double, bool)>();
        var global = new List<(double, bool)>();
        for (var f = 0; f < 5; f++)
        {
            var inFold = Enumerable.Range(0, kept.Count).Where(d => d % 5 != f).ToList();
            var goldIn = inFold.Sum(d => gold[d].Count);
            var rowsIn = inFold.SelectMany(d => kept[d].Select(c => (c.Confidence, Hit: gold[d].HoldsCode(c.Code, edition), Chapter: chapterOf(c)))).ToList();
            var globalCut = PriorLearner.BestF1Threshold(rowsIn.Select(r => (r.Confidence, r.Hit)).ToList(), goldIn);
            var cuts = ChapterCuts(rowsIn, goldIn, globalCut);
            foreach (var d in Enumerable.Range(0, kept.Count).Where(d => d % 5 == f))
            {
                foreach (var c in kept[d])
                {
                    var hit = gold[d].HoldsCode(c.Code, edition);
                    outOfFold.Add((c.Confidence >= cuts.GetValueOrDefault(chapterOf(c), globalCut) ? 1 : 0, hit));
                    global.Add((c.Confidence >= globalCut ? 1 : 0, hit));
                }
            }
        }
        report.WriteLine($"  per-chapter cuts (chosen out of fold): {Describe(outOfFold, 0.5, goldTotal)} vs one cut out of fold: {Describe(global, 0.5, goldTotal)}");
    }

    /// <summary>Coordinate ascent on micro-F1: each chapter's cut in turn, the others fixed; chapters with few rows keep the global cut.</summary>
    public static Dictionary<int, double> ChapterCuts(List<(double Confidence, bool Hit, int Chapter)> rows, int goldTotal, double globalCut)
    {
        var cuts = new Dictionary<int, double>();
        var candidatesCut = new[] { 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6 };
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var chapter in rows.GroupBy(r => r.Chapter).Where(g => g.Count() >= 100).Select(g => g.Key))
            {
                double bestF1 = -1, best = globalCut;
                foreach (var t in candidatesCut.Append(globalCut))
                {
                    cuts[chapter] = t;
                    int tp = 0, n = 0;
                    foreach (var r in rows)
                    {
                        if (r.Confidence < cuts.GetValueOrDefault(r.Chapter, globalCut)) continue;
                        n++;
                        if (r.Hit) tp++;
                    }
                    var f1 = 2.0 * tp / (n + goldTotal);
                    if (f1 > bestF1) (bestF1, best) = (f1, t);
                }
                cuts[chapter] = best;
            }
        }
        return cuts;
    }
}
