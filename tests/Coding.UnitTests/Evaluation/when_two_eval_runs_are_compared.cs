using Coding.Core.Evaluation;
using Coding.Core.Evaluation.Runs;

namespace Coding.UnitTests.Evaluation;

public sealed class when_two_eval_runs_are_compared
{
    private static EvalRunCode Code(string doc, string code, double? score, int? rank, bool gold) =>
        new() { Document = doc, Code = code, Score = score, Rank = rank, Gold = gold };

    // Gold: d1 {I10, E119}, d2 {R509}, d3 {J189}. Threshold 0.5 for both runs.
    // A finds I10 (d1) and R509 (d2); B finds I10 and E119 (d1) and J189 (d3) but drops R509 below its threshold.
    private static readonly EvalRunResults A = EvalRunResults.From(["d1", "d2", "d3"],
    [
        Code("d1", "I10", 0.9, 1, true), Code("d1", "E119", null, null, true), Code("d1", "E785", 0.6, 2, false),
        Code("d2", "R509", 0.8, 1, true),
        Code("d3", "J189", 0.3, 1, true),
    ], 0.5);

    private static readonly EvalRunResults B = EvalRunResults.From(["d1", "d2", "d3", "d4"],
    [
        Code("d1", "I10", 0.95, 1, true), Code("d1", "E119", 0.7, 2, true),
        Code("d2", "R509", 0.4, 1, true),
        Code("d3", "J189", 0.6, 1, true),
        Code("d4", "Z000", 0.9, 1, true),
    ], 0.5);

    [Fact]
    public void correct_codes_gained_and_lost_are_counted_per_code_on_the_documents_both_runs_have()
    {
        var comparison = EvalRunComparison.Compare(A, B);

        Assert.Equal(3, comparison.Documents); // d4 is only in B
        Assert.Equal(2, comparison.GainedTotal);
        Assert.Equal(["E119", "J189"], comparison.Gained.Select(g => g.Code));
        var lost = Assert.Single(comparison.Lost);
        Assert.Equal(("R509", 1, "d2"), (lost.Code, lost.Documents, lost.Examples.Single()));
    }

    [Fact]
    public void chapter_f1_deltas_are_b_minus_a()
    {
        var chapters = EvalRunComparison.Compare(A, B).Chapters.ToDictionary(c => c.Chapter ?? 0);

        // Chapter 9 (I10): found by both, and A's false positive E785 is chapter 4's.
        Assert.Equal(0, chapters[9].Delta, 9);
        // Chapter 4: A has E785 (FP) and misses E119 (FN): F1 0; B finds E119: F1 1.
        Assert.Equal((0.0, 1.0), (chapters[4].F1A, chapters[4].F1B));
        // Chapter 18: A finds R509 (F1 1), B shows it below threshold (F1 0).
        Assert.Equal(-1, chapters[18].Delta, 9);
    }

    [Fact]
    public void the_summary_scores_at_the_threshold_and_calibrates_over_every_ranked_code()
    {
        var summary = A.Summarize();

        Assert.Equal(3, summary.Documents);
        Assert.Equal((2, 1, 2), (summary.Full.TruePositives, summary.Full.FalsePositives, summary.Full.FalseNegatives));
        var buckets = summary.Calibration.Where(b => b.Predictions > 0).ToDictionary(b => b.Lower);
        Assert.Equal((1, 1), (buckets[0.3].Predictions, buckets[0.3].Correct)); // J189 at 0.3 is below threshold yet calibrated
        Assert.Equal((1, 0), (buckets[0.6].Predictions, buckets[0.6].Correct));
    }

    [Fact]
    public void a_documents_ranked_predictions_and_gold_codes_are_stored_once_per_code_key()
    {
        var rows = EvalRunnerRows.Of([new ScoredCode("I10", 0.9), new ScoredCode("E11.9", 0.7), new ScoredCode("e119", 0.2)], new HashSet<string> { "E11.9", "R50.9" });

        Assert.Equal(
            [("I10", (int?)1, false), ("E119", 2, true), ("R509", null, true)],
            rows.Select(r => (r.Code, r.Rank, r.Gold)).ToList());
    }
}
