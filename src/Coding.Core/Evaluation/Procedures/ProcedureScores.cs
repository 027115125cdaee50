namespace Coding.Core.Evaluation.Procedures;

/// <summary>One document's procedure predictions, best first: the code as written for the gold (7 characters or the stem) and its confidence.</summary>
public readonly record struct ProcedurePrediction(string Written, double Confidence);

/// <summary>
/// CodiEsp-P scores. MAP as the official script computes it (<see cref="MeanAveragePrecision"/>: codes compared as
/// written, lower case; the run's documents are those with a prediction), over every ranked candidate; micro P/R/F1 of the
/// suggestions (confidence at or above the cut) as written (7 characters, or the 4-character stem where the gold writes
/// one) and at the stem; candidate recall: gold stems that any candidate reached. PCS compares by its own key (lower case,
/// no dot): <see cref="CodeKey.Match"/> would read a section X (New Technology) code as an external cause.
/// </summary>
public static class ProcedureScores
{
    public static ProcedureScoreReport Compute(
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        IReadOnlyDictionary<string, IReadOnlyList<ProcedurePrediction>> predictions,
        double threshold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predictions);
        double apSum = 0, apStemSum = 0;
        var runDocuments = 0;
        var written = new ConfusionCounts();
        var stem = new ConfusionCounts();
        int goldStems = 0, reachedStems = 0;
        var bySection = new Dictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var byOperation = new Dictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        foreach (var document in gold.Keys.Union(predictions.Keys).Order(StringComparer.Ordinal))
        {
            var expected = (gold.GetValueOrDefault(document) ?? new HashSet<string>()).Select(Key).ToHashSet(StringComparer.Ordinal);
            var expectedStems = expected.Select(c => c[..Math.Min(4, c.Length)]).ToHashSet(StringComparer.Ordinal);
            var ranked = (predictions.GetValueOrDefault(document) ?? []).Select(p => p with { Written = Key(p.Written) })
                .DistinctBy(p => p.Written).ToList();
            if (ranked.Count > 0)
            {
                runDocuments++;
                apSum += MeanAveragePrecision.AveragePrecision(ranked.Select(p => p.Written).ToList(), expected);
                apStemSum += MeanAveragePrecision.AveragePrecision(ranked.Select(p => p.Written[..4]).Distinct().ToList(), expectedStems);
            }
            goldStems += expectedStems.Count;
            reachedStems += expectedStems.Count(s => ranked.Any(p => p.Written.StartsWith(s, StringComparison.Ordinal)));
            var suggested = ranked.Where(p => p.Confidence >= threshold).Select(p => p.Written).ToHashSet(StringComparer.Ordinal);
            written += Counts(suggested, expected);
            var suggestedStems = suggested.Select(c => c[..4]).ToHashSet(StringComparer.Ordinal);
            stem += Counts(suggestedStems, expectedStems);
            foreach (var s in suggestedStems.Union(expectedStems))
            {
                var c = new ConfusionCounts(suggestedStems.Contains(s) && expectedStems.Contains(s) ? 1 : 0,
                    suggestedStems.Contains(s) && !expectedStems.Contains(s) ? 1 : 0, !suggestedStems.Contains(s) ? 1 : 0);
                Add(bySection, s[..1], c);
                Add(byOperation, s[..1] + s[2..3], c);
            }
        }
        return new ProcedureScoreReport(
            runDocuments == 0 ? 0 : apSum / runDocuments, runDocuments == 0 ? 0 : apStemSum / runDocuments, runDocuments,
            written, stem, goldStems == 0 ? 0 : (double)reachedStems / goldStems,
            bySection.OrderBy(e => e.Key, StringComparer.Ordinal).ToList(), byOperation.OrderBy(e => e.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>The comparison key: lower case, no dot or blank ("BW03ZZZ", "bw03zzz" → "bw03zzz").</summary>
    public static string Key(string code) => code.Trim().Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();

    private static ConfusionCounts Counts(IReadOnlySet<string> predicted, IReadOnlySet<string> expected) =>
        new(predicted.Count(expected.Contains), predicted.Count(p => !expected.Contains(p)), expected.Count(e => !predicted.Contains(e)));

    private static void Add(Dictionary<string, ConfusionCounts> map, string key, ConfusionCounts c) =>
        map[key] = map.GetValueOrDefault(key) + c;
}

/// <param name="Map">Official CodiEsp MAP (codes as written).</param>
/// <param name="MapStem">The same with both sides cut to the 4-character stem.</param>
/// <param name="BySection">Micro counts at the stem per PCS section (first character).</param>
/// <param name="ByOperation">Micro counts at the stem per section and root operation / type (characters 1 and 3).</param>
public sealed record ProcedureScoreReport(
    double Map, double MapStem, int MapDocuments, ConfusionCounts Written, ConfusionCounts Stem, double CandidateRecall,
    IReadOnlyList<KeyValuePair<string, ConfusionCounts>> BySection, IReadOnlyList<KeyValuePair<string, ConfusionCounts>> ByOperation);
