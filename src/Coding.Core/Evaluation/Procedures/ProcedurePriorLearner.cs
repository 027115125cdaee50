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
    public static ProcedurePriors Learn(IReadOnlyList<ProcedureTrainingDocument> documents, ProcedureLexicon lexicon, string source, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // Candidates do not depend on priors except for the choice of characters 5-7, which no count here reads.
        var candidates = documents.Select(d => ProcedureCoder.Candidates(d.Note, lexicon, ProcedurePriors.Empty)).ToList();
        var scored = new List<(string Document, string Stem, double Confidence)>();
        for (var fold = 0; fold < folds; fold++)
        {
            var rest = Enumerable.Range(0, documents.Count).Where(i => i % folds != fold).ToList();
            var priors = Count(rest, documents, candidates, 0.5, source);
            for (var i = fold; i < documents.Count; i += folds)
                scored.AddRange(candidates[i].Select(c => (documents[i].Id, c.Stem, priors.Confidence(c.Stem))));
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
        return Count(Enumerable.Range(0, documents.Count).ToList(), documents, candidates, best.Threshold, source);
    }

    private static ProcedurePriors Count(IReadOnlyList<int> rows, IReadOnlyList<ProcedureTrainingDocument> documents,
        IReadOnlyList<IReadOnlyList<ProcedureCandidate>> candidates, double threshold, string source)
    {
        var stems = new Dictionary<string, StemCounts>(StringComparer.Ordinal);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        int all = 0, gold = 0;
        foreach (var i in rows)
        {
            var goldStems = documents[i].Gold.Select(g => ProcedureScores.Key(g)[..4]).ToHashSet(StringComparer.Ordinal);
            foreach (var c in candidates[i])
            {
                var hit = goldStems.Contains(ProcedureScores.Key(c.Stem)) ? 1 : 0;
                var s = stems.GetValueOrDefault(c.Stem);
                stems[c.Stem] = new StemCounts(s.Candidates + 1, s.Gold + hit);
                all++;
                gold += hit;
            }
            foreach (var g in documents[i].Gold.Where(g => g.Length == 7))
                codes[g.ToUpperInvariant()] = codes.GetValueOrDefault(g.ToUpperInvariant()) + 1;
        }
        return new ProcedurePriors(stems, all == 0 ? 0.1 : (double)gold / all, codes, threshold, source);
    }
}
