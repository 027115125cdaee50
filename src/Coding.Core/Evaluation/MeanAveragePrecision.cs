namespace Coding.Core.Evaluation;

/// <summary>
/// Mean Average Precision as the official CodiEsp-D/P evaluation computes it (TeMU-BSC/codiesp-evaluation-script,
/// codiespD_P_evaluation.py, which calls trectools' <c>TrecEval.get_map(trec_eval=False)</c> with the pinned
/// trectools==0.0.42 from its requirements file). What that pipeline does, step by step:
/// <list type="number">
/// <item>Gold: (doc, code) rows, lower-cased, duplicates dropped; every row is relevant.</item>
/// <item>Predictions: the file order is the ranking (trec_eval=False keeps the given order instead of sorting by score);
/// codes lower-cased, repeats dropped keeping the first, codes outside the valid-code list dropped.</item>
/// <item>Per document: only the first <c>depth</c> (default 1000) predictions count;
/// AP = Σ over ranks k holding a gold code of (gold codes among the first k) / k, divided by the number of gold
/// codes of the document — not by the number retrieved, so a missed code costs.</item>
/// <item>MAP = Σ AP / number of documents in the run (trectools 0.0.42: <c>nqueries = len(self.run.topics())</c>).
/// Consequences: a gold document with no valid prediction is not in the run and is left out of the mean entirely; a
/// predicted document that is not in the gold counts with AP 0. trectools changed this in 2021
/// (joaopalotti/trectools issue #24) to average over documents in both run and gold; that variant, and the strict
/// one that scores every gold document, are available through <see cref="MapQuerySet"/>.</item>
/// </list>
/// One deliberate difference: codes compare by <see cref="CodeKey.Match"/> (case and dots ignored), where the script
/// compares lower-cased strings, so "e119" and "e11.9" differ there. With CodiEsp's dotted codes on both sides the
/// results are identical.
/// </summary>
public static class MeanAveragePrecision
{
    public const int OfficialDepth = 1000;

    public static MapResult Compute(
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions,
        IEnumerable<string>? validCodes = null,
        MapQuerySet queries = MapQuerySet.OfficialCodiEsp,
        int depth = OfficialDepth,
        CodeGranularity granularity = CodeGranularity.Full)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var valid = EvaluationInputs.ValidKeys(validCodes);

        // The run: documents left with at least one prediction after filtering.
        var run = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (document, list) in predictions)
        {
            var ranked = EvaluationInputs.Ranked(list, granularity, valid);
            if (ranked.Count > 0)
                run[document] = ranked.Take(depth).Select(p => p.Code).ToList();
        }
        // Judged queries: gold documents with at least one code (a qrels file has no row for the others).
        var judged = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (document, codes) in gold)
        {
            if (codes.Count > 0)
                judged[document] = EvaluationInputs.GoldKeys(codes, granularity);
        }

        IEnumerable<string> scored = queries switch
        {
            MapQuerySet.OfficialCodiEsp => run.Keys,
            MapQuerySet.RunAndGold => run.Keys.Where(judged.ContainsKey),
            MapQuerySet.Gold => judged.Keys,
            _ => throw new ArgumentOutOfRangeException(nameof(queries)),
        };
        var perDocument = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var document in scored)
        {
            var ranked = run.GetValueOrDefault(document);
            var relevant = judged.GetValueOrDefault(document);
            perDocument[document] = ranked is null || relevant is null ? 0 : AveragePrecision(ranked, relevant);
        }
        var map = perDocument.Count == 0 ? 0 : perDocument.Values.Sum() / perDocument.Count;
        return new MapResult(map, perDocument.Count, perDocument);
    }

    /// <summary>
    /// Average precision of one ranked list of (already normalised, distinct) keys against the relevant set:
    /// Σ precision@k at each relevant rank k, divided by the number of relevant items.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0)
            return 0;
        var hits = 0;
        var sum = 0.0;
        for (var k = 0; k < ranked.Count; k++)
        {
            if (!relevant.Contains(ranked[k]))
                continue;
            hits++;
            sum += (double)hits / (k + 1);
        }
        return sum / relevant.Count;
    }
}

/// <summary>Which documents the mean runs over.</summary>
public enum MapQuerySet
{
    /// <summary>
    /// As the official CodiEsp script with its pinned trectools 0.0.42: every document with at least one valid
    /// prediction; those absent from the gold count as 0; gold documents without predictions are left out.
    /// Evaluate a run restricted to the gold's documents, or extra documents drag the score down.
    /// </summary>
    OfficialCodiEsp,

    /// <summary>trectools after issue #24 (and trec_eval's default): documents both predicted and in the gold.</summary>
    RunAndGold,

    /// <summary>Strict (trec_eval -c): every gold document with codes; one with no predictions counts as 0.</summary>
    Gold,
}

public sealed record MapResult(double Map, int Documents, IReadOnlyDictionary<string, double> PerDocument);
