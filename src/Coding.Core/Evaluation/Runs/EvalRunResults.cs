namespace Coding.Core.Evaluation.Runs;

/// <summary>
/// A run's stored results in the shape the metrics take: every finished document (with its gold codes, possibly
/// none) and its ranked predictions, best first. Built from <see cref="EvalRunCode"/> rows.
/// </summary>
public sealed record EvalRunResults(
    IReadOnlyDictionary<string, IReadOnlySet<string>> Gold,
    IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> Ranked,
    double Threshold)
{
    public static EvalRunResults From(IEnumerable<string> documents, IEnumerable<EvalRunCode> codes, double threshold)
    {
        var byDocument = codes.GroupBy(c => c.Document, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var gold = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var ranked = new Dictionary<string, IReadOnlyList<ScoredCode>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var rows = byDocument.GetValueOrDefault(document) ?? [];
            gold[document] = rows.Where(r => r.Gold).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
            ranked[document] = rows.Where(r => r.Rank is not null).OrderBy(r => r.Rank).Select(r => new ScoredCode(r.Code, r.Score ?? 0)).ToList();
        }
        return new EvalRunResults(gold, ranked, threshold);
    }

    /// <summary>The same results restricted to some documents (those two runs have in common).</summary>
    public EvalRunResults Only(IReadOnlySet<string> documents) => new(
        Gold.Where(g => documents.Contains(g.Key)).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal),
        Ranked.Where(r => documents.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
        Threshold);

    /// <summary>(document, code) pairs the engine would show (score ≥ threshold) that are gold: the true positives.</summary>
    public HashSet<(string Document, string Code)> Correct() =>
        Ranked.SelectMany(r => r.Value.Where(p => p.Score >= Threshold && Gold[r.Key].Contains(p.Code)).Select(p => (r.Key, p.Code))).ToHashSet();

    public EvalRunSummary Summarize()
    {
        var full = CodingMetrics.Classification(Gold, Ranked, CodeGranularity.Full, minScore: Threshold);
        var category = CodingMetrics.Classification(Gold, Ranked, CodeGranularity.Category, minScore: Threshold);
        var map = MeanAveragePrecision.Compute(Gold, Ranked);
        return new EvalRunSummary(
            Gold.Count, Threshold,
            EvalScores.Of(full), EvalScores.Of(category), map.Map, map.Documents,
            CodingMetrics.ByChapter(Gold, Ranked, minScore: Threshold)
                .Select(c => new EvalChapter(c.Chapter?.Number, c.Chapter?.Title, c.Counts.TruePositives, c.Counts.FalsePositives, c.Counts.FalseNegatives, c.Counts.F1))
                .ToList(),
            CodingMetrics.Calibration(Gold, Ranked)
                .Select(b => new EvalCalibrationBucket(b.Lower, b.Upper, b.Predictions, b.Correct, b.MeanScore, b.Precision))
                .ToList());
    }
}

/// <summary>What eval_runs.metrics holds: the Evaluation feature's numbers for the run, at the engine's threshold.</summary>
public sealed record EvalRunSummary(
    int Documents,
    double Threshold,
    EvalScores Full,
    EvalScores Category,
    double Map,
    int MapDocuments,
    IReadOnlyList<EvalChapter> Chapters,
    IReadOnlyList<EvalCalibrationBucket> Calibration);

public sealed record EvalScores(double MicroPrecision, double MicroRecall, double MicroF1, double MacroF1, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public static EvalScores Of(ClassificationScores s) =>
        new(s.Micro.Precision, s.Micro.Recall, s.Micro.F1, s.MacroF1, s.Micro.TruePositives, s.Micro.FalsePositives, s.Micro.FalseNegatives);
}

/// <summary>Counts and F1 for one ICD-10-CM chapter; Number null for codes outside every chapter.</summary>
public sealed record EvalChapter(int? Number, string? Title, int TruePositives, int FalsePositives, int FalseNegatives, double F1);

public sealed record EvalCalibrationBucket(double Lower, double Upper, int Predictions, int Correct, double? MeanScore, double? Precision);
