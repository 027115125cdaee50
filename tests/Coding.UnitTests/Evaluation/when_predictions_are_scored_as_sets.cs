using Coding.Core.Evaluation;

namespace Coding.UnitTests.Evaluation;

/// <summary>
/// gold d1 {E11.9, I10}, d2 {J18.9}; run d1 [E11.9, E78.5], d2 [J18.9, I10], d3 [K35.80] (not in gold: ignored).
/// d1: TP E11.9, FP E78.5, FN I10. d2: TP J18.9, FP I10. Micro: TP 2, FP 2, FN 1: P 1/2, R 2/3, F1 4/7.
/// Per code: E11.9 F1 1; J18.9 F1 1; I10 (FP 1, FN 1) 0; E78.5 (FP 1) 0. Macro P = R = F1 = (1 + 1 + 0 + 0) / 4 = 1/2.
/// </summary>
public class when_predictions_are_scored_as_sets
{
    private const double Precision = 1e-12;

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> GoldSet = Gold.Of(("d1", ["E11.9", "I10"]), ("d2", ["J18.9"]));

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> RunSet =
        Gold.Run(("d1", ["e11.9", "E78.5"]), ("d2", ["J18.9", "I10"]), ("d3", ["K35.80"]));

    [Fact]
    public void micro_scores_pool_every_document_decision()
    {
        var scores = CodingMetrics.Classification(GoldSet, RunSet);

        Assert.Equal(new ConfusionCounts(2, 2, 1), scores.Micro);
        Assert.Equal(0.5, scores.Micro.Precision, Precision);
        Assert.Equal(2.0 / 3, scores.Micro.Recall, Precision);
        Assert.Equal(4.0 / 7, scores.Micro.F1, Precision);
        Assert.Equal(2, scores.Documents);
    }

    [Fact]
    public void macro_scores_average_per_code_with_zero_for_codes_never_right()
    {
        var scores = CodingMetrics.Classification(GoldSet, RunSet);

        Assert.Equal(4, scores.Codes);
        Assert.Equal(0.5, scores.MacroPrecision, Precision);
        Assert.Equal(0.5, scores.MacroRecall, Precision);
        Assert.Equal(0.5, scores.MacroF1, Precision);
    }

    [Fact]
    public void at_category_level_the_right_condition_at_the_wrong_specificity_is_a_hit()
    {
        var gold = Gold.Of(("d1", ["E11.9"]));
        var run = Gold.Run(("d1", ["E11.65"]));

        Assert.Equal(new ConfusionCounts(0, 1, 1), CodingMetrics.Classification(gold, run).Micro);
        Assert.Equal(new ConfusionCounts(1, 0, 0), CodingMetrics.Classification(gold, run, CodeGranularity.Category).Micro);
    }

    [Fact]
    public void a_gold_document_without_predictions_only_adds_false_negatives()
    {
        var gold = Gold.Of(("d1", ["E11.9", "I10"]), ("d2", ["J18.9"]), ("d9", ["R50.9"]));

        Assert.Equal(new ConfusionCounts(2, 2, 2), CodingMetrics.Classification(gold, RunSet).Micro);
    }

    [Fact]
    public void a_score_threshold_and_a_valid_code_list_drop_predictions_first()
    {
        // minScore 0.895 keeps each document's first code only (0.9 then 0.89): d1 E11.9 TP, d2 J18.9 TP; FN I10.
        Assert.Equal(new ConfusionCounts(2, 0, 1), CodingMetrics.Classification(GoldSet, RunSet, minScore: 0.895).Micro);
        // Without E78.5 in the valid list its false positive disappears.
        Assert.Equal(new ConfusionCounts(2, 1, 1), CodingMetrics.Classification(GoldSet, RunSet, validCodes: ["E11.9", "I10", "J18.9"]).Micro);
    }

    [Fact]
    public void candidate_recall_is_the_share_of_gold_codes_among_the_candidates()
    {
        var candidates = new Dictionary<string, IReadOnlyCollection<string>> { ["d1"] = ["e119", "E78.5", "I10.0"] };

        // d1 finds E11.9 but not I10 (I10.0 is another code); d2 has no candidates: 1 of 3.
        Assert.Equal(new CandidateRecall(1, 3), CodingMetrics.CandidateRecall(GoldSet, candidates));
        // By category I10.0 → I10 is found: 2 of 3.
        Assert.Equal(2.0 / 3, CodingMetrics.CandidateRecall(GoldSet, candidates, CodeGranularity.Category).Recall, Precision);
    }

    [Fact]
    public void calibration_buckets_hold_precision_per_confidence_decile()
    {
        var gold = Gold.Of(("d1", ["E11.9", "I10"]));
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> run = new Dictionary<string, IReadOnlyList<ScoredCode>>
        {
            ["d1"] = [new("E11.9", 1.0), new("I10", 0.95), new("E78.5", 0.91), new("R50.9", 0.15), new("R51.9", 0.0)],
        };

        var buckets = CodingMetrics.Calibration(gold, run);

        Assert.Equal(10, buckets.Count);
        // Top decile [0.9, 1]: 1.0 (right), 0.95 (right), 0.91 (wrong).
        Assert.Equal((0.9, 1.0, 3, 2), (buckets[9].Lower, buckets[9].Upper, buckets[9].Predictions, buckets[9].Correct));
        Assert.Equal((1.0 + 0.95 + 0.91) / 3, buckets[9].MeanScore!.Value, Precision);
        Assert.Equal(2.0 / 3, buckets[9].Precision!.Value, Precision);
        Assert.Equal((1, 0), (buckets[1].Predictions, buckets[1].Correct));
        Assert.Equal((1, 0), (buckets[0].Predictions, buckets[0].Correct));
        Assert.Null(buckets[5].Precision);
    }
}
