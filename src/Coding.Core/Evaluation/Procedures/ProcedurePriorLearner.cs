using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Procedures;

namespace Coding.Core.Evaluation.Procedures;

/// <summary>A train note and its gold procedure codes as the gold writes them (7 characters or a 4-character stem).</summary>
public sealed record ProcedureTrainingDocument(string Id, PreparedNote Note, IReadOnlySet<string> Gold);

/// <summary>
/// Learns <see cref="ProcedurePriors"/> from a TRAIN split only: per stem, candidates and gold among them; gold whole codes;
/// and the cut that gives the best micro F1 at the stem over cross-fitted predictions (each fold scored by priors learned on
/// the other folds, so the cut is not chosen on the rows that set the confidences).
/// </summary>
public static class ProcedurePriorLearner
{
    public static ProcedurePriors Learn(IReadOnlyList<ProcedureTrainingDocument> documents, ProcedureLexicon lexicon, string source, int folds = 5) =>
        LearnCrossFitted(documents, lexicon, source, folds).Priors;

    /// <summary>The priors, and each train document's candidates scored by the priors of the folds it is not in (what
    /// variants are compared on: the rows that score a candidate never taught its confidence).</summary>
    public static (ProcedurePriors Priors, IReadOnlyDictionary<string, IReadOnlyList<ProcedurePrediction>> CrossFitted) LearnCrossFitted(
        IReadOnlyList<ProcedureTrainingDocument> documents, ProcedureLexicon lexicon, string source, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var scored = new List<(string Document, string Stem, double Confidence)>();
        var crossFitted = new Dictionary<string, IReadOnlyList<ProcedurePrediction>>(StringComparer.Ordinal);
        for (var fold = 0; fold < folds; fold++)
        {
            var rest = Enumerable.Range(0, documents.Count).Where(i => i % folds != fold).ToList();
            // The body part a table defaults to comes from the gold stems of the other folds, as the confidences do.
            var defaults = Defaults(rest, documents);
            var candidates = documents.Select((d, i) => i % folds == fold ? [] : ProcedureCoder.Candidates(d.Note, lexicon, defaults)).ToList<IReadOnlyList<ProcedureCandidate>>();
            var priors = Count(rest, documents, candidates, 0.5, source);
            for (var i = fold; i < documents.Count; i += folds)
                candidates[i] = ProcedureCoder.Candidates(documents[i].Note, lexicon, priors);
            for (var i = fold; i < documents.Count; i += folds)
            {
                scored.AddRange(candidates[i].Select(c => (documents[i].Id, c.Stem, priors.Confidence(c.Stem))));
                crossFitted[documents[i].Id] = candidates[i].Select(c => new ProcedurePrediction(c.Written, priors.Confidence(c.Stem)))
                    .OrderByDescending(p => p.Confidence).ToList();
            }
        }
        var goldStems = documents.ToDictionary(d => d.Id, d => d.Gold.Select(g => ProcedureScores.Key(g)[..4]).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var totalGold = goldStems.Values.Sum(s => s.Count);
        var best = (F1: -1.0, Threshold: 1.0);
        foreach (var threshold in Enumerable.Range(1, 60).Select(i => i / 100.0))
        {
            var kept = scored.Where(s => s.Confidence >= threshold).ToList();
            var tp = kept.Count(s => goldStems[s.Document].Contains(ProcedureScores.Key(s.Stem)));
            var f1 = 2.0 * tp / (kept.Count + totalGold);
            if (f1 > best.F1) best = (f1, threshold);
        }
        var everyRow = Enumerable.Range(0, documents.Count).ToList();
        var allDefaults = Defaults(everyRow, documents);
        var final = documents.Select(d => ProcedureCoder.Candidates(d.Note, lexicon, allDefaults)).ToList();
        return (Count(everyRow, documents, final, best.Threshold, source), crossFitted);
    }

    /// <summary>Priors holding only the gold counts of some rows: what candidate generation reads (stems and codes to default to).</summary>
    private static ProcedurePriors Defaults(IReadOnlyList<int> rows, IReadOnlyList<ProcedureTrainingDocument> documents)
    {
        var (codes, stems) = GoldCounts(rows, documents);
        return ProcedurePriors.Empty with { GoldCodes = codes, GoldStems = stems };
    }

    private static (Dictionary<string, int> Codes, Dictionary<string, int> Stems) GoldCounts(IReadOnlyList<int> rows, IReadOnlyList<ProcedureTrainingDocument> documents)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var stems = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in rows)
        {
            foreach (var g in documents[i].Gold.Select(g => g.ToUpperInvariant()))
            {
                if (g.Length == 7) codes[g] = codes.GetValueOrDefault(g) + 1;
                stems[g[..4]] = stems.GetValueOrDefault(g[..4]) + 1;
            }
        }
        return (codes, stems);
    }

    private static ProcedurePriors Count(IReadOnlyList<int> rows, IReadOnlyList<ProcedureTrainingDocument> documents,
        IReadOnlyList<IReadOnlyList<ProcedureCandidate>> candidates, double threshold, string source)
    {
        var stems = new Dictionary<string, StemCounts>(StringComparer.Ordinal);
        var (codes, goldStems) = GoldCounts(rows, documents);
        int all = 0, gold = 0;
        foreach (var i in rows)
        {
            var documentStems = documents[i].Gold.Select(g => ProcedureScores.Key(g)[..4]).ToHashSet(StringComparer.Ordinal);
            foreach (var c in candidates[i])
            {
                var hit = documentStems.Contains(ProcedureScores.Key(c.Stem)) ? 1 : 0;
                var s = stems.GetValueOrDefault(c.Stem);
                stems[c.Stem] = new StemCounts(s.Candidates + 1, s.Gold + hit);
                all++;
                gold += hit;
            }
        }
        return new ProcedurePriors(stems, all == 0 ? 0.1 : (double)gold / all, codes, goldStems, threshold, source);
    }
}
