namespace Coding.Core.Evaluation;

/// <summary>
/// Set-based quality metrics over gold (doc → codes) and predictions (doc → ranked codes with scores).
/// The gold's documents are the evaluated universe: predictions for documents not in the gold are ignored, and a
/// gold document with no predictions contributes only false negatives. Codes compare by <see cref="CodeKey"/>.
/// </summary>
public static class CodingMetrics
{
    /// <param name="validCodes">When given, predicted codes outside it are dropped before scoring.</param>
    /// <param name="minScore">When given, predictions scoring below it are dropped (an auto-accept threshold).</param>
    public static ClassificationScores Classification(
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions,
        CodeGranularity granularity = CodeGranularity.Full,
        IEnumerable<string>? validCodes = null,
        double? minScore = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predictions);
        var valid = EvaluationInputs.ValidKeys(validCodes);
        var perCode = new Dictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var micro = new ConfusionCounts();
        foreach (var (document, codes) in gold)
        {
            var expected = EvaluationInputs.GoldKeys(codes, granularity);
            var predicted = EvaluationInputs.Ranked(predictions.GetValueOrDefault(document), granularity, valid, minScore)
                .Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var code in predicted)
            {
                var hit = expected.Contains(code);
                Add(perCode, code, hit ? new(1, 0, 0) : new(0, 1, 0));
                micro += hit ? new(1, 0, 0) : new(0, 1, 0);
            }
            foreach (var code in expected)
            {
                if (predicted.Contains(code))
                    continue;
                Add(perCode, code, new(0, 0, 1));
                micro += new ConfusionCounts(0, 0, 1);
            }
        }
        var labels = perCode.Values;
        return new ClassificationScores(
            micro,
            labels.Count == 0 ? 0 : labels.Average(c => c.Precision),
            labels.Count == 0 ? 0 : labels.Average(c => c.Recall),
            labels.Count == 0 ? 0 : labels.Average(c => c.F1),
            gold.Count,
            perCode.Count);
    }

    /// <summary>
    /// Micro counts per ICD-10-CM chapter, full codes. A code whose shape is no ICD-10-CM category lands in the entry
    /// with a null chapter (listed last); pass diagnosis codes only — an ICD-10-PCS code such as "B24BZZ4" has a
    /// CM-like shape and would be counted under chapter 1.
    /// </summary>
    public static IReadOnlyList<ChapterScore> ByChapter(
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions,
        IEnumerable<string>? validCodes = null,
        double? minScore = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predictions);
        var valid = EvaluationInputs.ValidKeys(validCodes);
        var perChapter = new Dictionary<int, ConfusionCounts>();
        foreach (var (document, codes) in gold)
        {
            var expected = EvaluationInputs.GoldKeys(codes, CodeGranularity.Full);
            var predicted = EvaluationInputs.Ranked(predictions.GetValueOrDefault(document), CodeGranularity.Full, valid, minScore)
                .Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var code in predicted)
                Add(perChapter, ChapterNumber(code), expected.Contains(code) ? new(1, 0, 0) : new(0, 1, 0));
            foreach (var code in expected.Where(c => !predicted.Contains(c)))
                Add(perChapter, ChapterNumber(code), new(0, 0, 1));
        }
        return perChapter
            .OrderBy(e => e.Key == 0 ? int.MaxValue : e.Key)
            .Select(e => new ChapterScore(e.Key == 0 ? null : IcdChapters.All[e.Key - 1], e.Value))
            .ToList();
    }

    /// <summary>
    /// Precision per confidence bucket: bucket i holds scores in [i/n, (i+1)/n) (the last one includes 1; scores are
    /// clamped to [0, 1]). A calibrated engine has precision close to the bucket's mean score.
    /// </summary>
    public static IReadOnlyList<CalibrationBucket> Calibration(
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions,
        int buckets = 10,
        IEnumerable<string>? validCodes = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var valid = EvaluationInputs.ValidKeys(validCodes);
        var count = new int[buckets];
        var correct = new int[buckets];
        var scoreSum = new double[buckets];
        foreach (var (document, codes) in gold)
        {
            var expected = EvaluationInputs.GoldKeys(codes, CodeGranularity.Full);
            foreach (var prediction in EvaluationInputs.Ranked(predictions.GetValueOrDefault(document), CodeGranularity.Full, valid))
            {
                if (double.IsNaN(prediction.Score))
                    throw new ArgumentException($"document {document}: a prediction has a NaN score", nameof(predictions));
                var score = Math.Clamp(prediction.Score, 0, 1);
                var bucket = Math.Min(buckets - 1, (int)(score * buckets));
                count[bucket]++;
                scoreSum[bucket] += score;
                if (expected.Contains(prediction.Code))
                    correct[bucket]++;
            }
        }
        return Enumerable.Range(0, buckets)
            .Select(i => new CalibrationBucket((double)i / buckets, (double)(i + 1) / buckets, count[i], correct[i],
                count[i] == 0 ? null : scoreSum[i] / count[i]))
            .ToList();
    }

    /// <summary>Share of gold codes found among each document's candidates: the ceiling on what any ranker can recall.</summary>
    public static CandidateRecall CandidateRecall(
        IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> candidates,
        CodeGranularity granularity = CodeGranularity.Full)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(candidates);
        int found = 0, total = 0;
        foreach (var (document, codes) in gold)
        {
            var expected = EvaluationInputs.GoldKeys(codes, granularity);
            var offered = candidates.TryGetValue(document, out var list)
                ? list.Select(c => CodeKey.At(c, granularity)).ToHashSet(StringComparer.Ordinal)
                : [];
            total += expected.Count;
            found += expected.Count(offered.Contains);
        }
        return new CandidateRecall(found, total);
    }

    private static int ChapterNumber(string key) => IcdChapters.Of(key)?.Number ?? 0;

    private static void Add<TKey>(Dictionary<TKey, ConfusionCounts> into, TKey key, ConfusionCounts counts)
        where TKey : notnull =>
        into[key] = into.GetValueOrDefault(key) + counts;
}

/// <summary>Micro counts for one chapter; <see cref="Chapter"/> is null for codes outside every ICD-10-CM chapter.</summary>
public sealed record ChapterScore(IcdChapter? Chapter, ConfusionCounts Counts);

/// <summary>Predictions whose score fell in [Lower, Upper); <see cref="MeanScore"/> is null for an empty bucket.</summary>
public sealed record CalibrationBucket(double Lower, double Upper, int Predictions, int Correct, double? MeanScore)
{
    public double? Precision => Predictions == 0 ? null : (double)Correct / Predictions;
}

public readonly record struct CandidateRecall(int Found, int Total)
{
    public double Recall => Total == 0 ? 0 : (double)Found / Total;
}
