namespace Coding.Core.Evaluation.Runs;

/// <summary>
/// Run B against run A on the documents both finished: which correct codes B found that A did not (gained) and the
/// reverse (lost), per-chapter F1 with its delta, and both calibration curves. A "correct code" is a gold code the
/// engine would show a coder (score ≥ that run's threshold).
/// </summary>
public sealed record EvalRunComparison(
    int Documents,
    int GainedTotal,
    int LostTotal,
    IReadOnlyList<CodeChange> Gained,
    IReadOnlyList<CodeChange> Lost,
    IReadOnlyList<ChapterDelta> Chapters,
    EvalScores FullA,
    EvalScores FullB,
    IReadOnlyList<EvalCalibrationBucket> CalibrationA,
    IReadOnlyList<EvalCalibrationBucket> CalibrationB)
{
    public static EvalRunComparison Compare(EvalRunResults a, EvalRunResults b, int top = 50)
    {
        var common = a.Gold.Keys.Where(b.Gold.ContainsKey).ToHashSet(StringComparer.Ordinal);
        a = a.Only(common);
        b = b.Only(common);
        var correctA = a.Correct();
        var correctB = b.Correct();
        var gained = correctB.Where(c => !correctA.Contains(c)).ToList();
        var lost = correctA.Where(c => !correctB.Contains(c)).ToList();
        var summaryA = a.Summarize();
        var summaryB = b.Summarize();
        var chaptersA = summaryA.Chapters.ToDictionary(c => c.Number ?? 0);
        var chaptersB = summaryB.Chapters.ToDictionary(c => c.Number ?? 0);
        var chapters = chaptersA.Keys.Union(chaptersB.Keys)
            .OrderBy(n => n == 0 ? int.MaxValue : n)
            .Select(n =>
            {
                var ca = chaptersA.GetValueOrDefault(n);
                var cb = chaptersB.GetValueOrDefault(n);
                double f1A = ca?.F1 ?? 0, f1B = cb?.F1 ?? 0;
                return new ChapterDelta(n == 0 ? null : n, (ca ?? cb)!.Title, f1A, f1B, f1B - f1A, ca?.TruePositives ?? 0, cb?.TruePositives ?? 0);
            })
            .ToList();
        return new EvalRunComparison(common.Count, gained.Count, lost.Count, ByCode(gained, top), ByCode(lost, top), chapters,
            summaryA.Full, summaryB.Full, summaryA.Calibration, summaryB.Calibration);
    }

    private static List<CodeChange> ByCode(IEnumerable<(string Document, string Code)> changes, int top) =>
        changes.GroupBy(c => c.Code, StringComparer.Ordinal)
            .Select(g => new CodeChange(g.Key, g.Count(), g.Select(c => c.Document).Order(StringComparer.Ordinal).Take(5).ToList()))
            .OrderByDescending(c => c.Documents).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Take(top)
            .ToList();
}

/// <summary>A code gained or lost, in how many documents, with a few of their ids.</summary>
public sealed record CodeChange(string Code, int Documents, IReadOnlyList<string> Examples);

public sealed record ChapterDelta(int? Chapter, string? Title, double F1A, double F1B, double Delta, int TruePositivesA, int TruePositivesB);
