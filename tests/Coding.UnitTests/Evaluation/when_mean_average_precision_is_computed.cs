using Coding.Core.Evaluation;

namespace Coding.UnitTests.Evaluation;

/// <summary>
/// Hand-computed examples of the official CodiEsp MAP (trectools 0.0.42, ranking = list order).
/// d1: gold {A01.0, B02.1, C03.2}, run [A01.0, X99, B02.1, Y88, Z77]: relevant at ranks 1 and 3,
///     AP = (1/1 + 2/3) / 3 = 5/9 (divided by the 3 gold codes, not the 2 found).
/// d2: gold {E11.9}, run [I10, E11.9]: relevant at rank 2, AP = (1/2) / 1 = 1/2.
/// MAP(d1, d2) = (5/9 + 1/2) / 2 = 19/36.
/// </summary>
public class when_mean_average_precision_is_computed
{
    private const double Precision = 1e-12;

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> TwoDocs =
        Gold.Of(("d1", ["A01.0", "B02.1", "C03.2"]), ("d2", ["E11.9"]));

    private static readonly (string, string[])[] TwoRuns =
        [("d1", ["A01.0", "X99", "B02.1", "Y88", "Z77"]), ("d2", ["I10", "E11.9"])];

    [Fact]
    public void average_precision_sums_precision_at_each_relevant_rank_over_all_gold_codes()
    {
        Assert.Equal(5.0 / 9, MeanAveragePrecision.AveragePrecision(["A010", "X99", "B021", "Y88", "Z77"], new HashSet<string> { "A010", "B021", "C032" }), Precision);
    }

    [Fact]
    public void map_is_the_mean_of_the_documents_average_precisions()
    {
        var result = MeanAveragePrecision.Compute(TwoDocs, Gold.Run(TwoRuns));

        Assert.Equal(19.0 / 36, result.Map, Precision);
        Assert.Equal(2, result.Documents);
        Assert.Equal(5.0 / 9, result.PerDocument["d1"], Precision);
    }

    [Fact]
    public void a_gold_document_without_predictions_is_left_out_as_the_official_script_does()
    {
        var gold = Gold.Of(("d1", ["A01.0", "B02.1", "C03.2"]), ("d2", ["E11.9"]), ("d3", ["J18.9"]));

        var official = MeanAveragePrecision.Compute(gold, Gold.Run(TwoRuns));
        // Strict: (5/9 + 1/2 + 0) / 3 = 19/54.
        var strict = MeanAveragePrecision.Compute(gold, Gold.Run(TwoRuns), queries: MapQuerySet.Gold);

        Assert.Equal(19.0 / 36, official.Map, Precision);
        Assert.Equal(19.0 / 54, strict.Map, Precision);
        Assert.Equal(0, strict.PerDocument["d3"]);
    }

    [Fact]
    public void a_predicted_document_missing_from_the_gold_counts_as_zero_in_the_official_score()
    {
        var run = Gold.Run([.. TwoRuns, ("d4", ["K35.80"])]);

        // Official (trectools 0.0.42 divides by the run's documents): (5/9 + 1/2 + 0) / 3 = 19/54.
        Assert.Equal(19.0 / 54, MeanAveragePrecision.Compute(TwoDocs, run).Map, Precision);
        // trectools after issue #24 averages over documents in both: 19/36.
        Assert.Equal(19.0 / 36, MeanAveragePrecision.Compute(TwoDocs, run, queries: MapQuerySet.RunAndGold).Map, Precision);
    }

    [Fact]
    public void invalid_codes_are_dropped_before_ranking_so_they_take_no_rank()
    {
        var gold = Gold.Of(("d1", ["A01.0", "B02.1"]));
        var run = Gold.Run(("d1", ["FOO", "A01.0", "B02.1"]));

        // Without a list FOO holds rank 1: (1/2 + 2/3) / 2 = 7/12. With it: ranks 1 and 2, (1 + 1) / 2 = 1.
        Assert.Equal(7.0 / 12, MeanAveragePrecision.Compute(gold, run).Map, Precision);
        Assert.Equal(1.0, MeanAveragePrecision.Compute(gold, run, validCodes: ["a01.0", "b02.1", "c03.2"]).Map, Precision);
    }

    [Fact]
    public void a_document_whose_predictions_are_all_invalid_drops_out_of_the_run()
    {
        var run = Gold.Run([.. TwoRuns, ("d3", ["FOO"])]);
        var gold = Gold.Of(("d1", ["A01.0", "B02.1", "C03.2"]), ("d2", ["E11.9"]), ("d3", ["J18.9"]));

        var result = MeanAveragePrecision.Compute(gold, run, validCodes: ["A01.0", "B02.1", "C03.2", "E11.9", "I10", "J18.9"]);

        // d1 now ranks [A01.0, B02.1] (X99, Y88, Z77 invalid): AP (1 + 1) / 3 = 2/3; d2 AP 1/2; d3 is not in the run.
        Assert.Equal((2.0 / 3 + 0.5) / 2, result.Map, Precision);
        Assert.Equal(2, result.Documents);
    }

    [Fact]
    public void repeated_codes_keep_their_first_rank_and_compare_without_case_or_dot()
    {
        var gold = Gold.Of(("d1", ["a01.0", "b02.1"]));
        var run = Gold.Run(("d1", ["A010", "a01.0", "B02.1"]));

        Assert.Equal(1.0, MeanAveragePrecision.Compute(gold, run).Map, Precision);
    }

    [Fact]
    public void the_list_order_is_the_ranking_whatever_the_scores_say()
    {
        var gold = Gold.Of(("d1", ["E11.9"]));
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> run = new Dictionary<string, IReadOnlyList<ScoredCode>>
        {
            ["d1"] = [new("I10", 0.1), new("E11.9", 0.9)],
        };

        Assert.Equal(0.5, MeanAveragePrecision.Compute(gold, run).Map, Precision);
    }

    [Fact]
    public void only_the_first_depth_predictions_count()
    {
        var run = Gold.Run(("d2", ["I10", "E11.9"]));

        Assert.Equal(0, MeanAveragePrecision.Compute(Gold.Of(("d2", ["E11.9"])), run, depth: 1).Map);
    }

    [Fact]
    public void at_category_level_a_sibling_code_counts_as_found()
    {
        var gold = Gold.Of(("d1", ["E11.9", "I10"]));
        var run = Gold.Run(("d1", ["E11.65", "E11.9", "I10"]));

        // Full: relevant at ranks 2 and 3: (1/2 + 2/3) / 2 = 7/12. Category: [E11, I10] (E11 repeated once): (1 + 1) / 2 = 1.
        Assert.Equal(7.0 / 12, MeanAveragePrecision.Compute(gold, run).Map, Precision);
        Assert.Equal(1.0, MeanAveragePrecision.Compute(gold, run, granularity: CodeGranularity.Category).Map, Precision);
    }

    [Fact]
    public void an_empty_run_scores_zero()
    {
        Assert.Equal(0, MeanAveragePrecision.Compute(TwoDocs, Gold.Run()).Map);
    }
}
