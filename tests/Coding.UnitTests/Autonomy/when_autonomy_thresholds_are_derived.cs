using Coding.Core.Autonomy;

namespace Coding.UnitTests.Autonomy;

public class when_autonomy_thresholds_are_derived
{
    private static IEnumerable<ScoredSuggestion> Run(string setting, string code, double confidence, int right, int wrong, string doc = "d") =>
        Enumerable.Range(0, right).Select(i => new ScoredSuggestion($"{doc}{i}", setting, code, confidence, true))
            .Concat(Enumerable.Range(0, wrong).Select(i => new ScoredSuggestion($"{doc}w{i}", setting, code, confidence, false)));

    [Fact]
    public void the_wilson_lower_bound_is_below_the_point_estimate_and_rises_with_support()
    {
        Assert.Equal(0.787, Wilson.Lower(10, 10, AutonomyThresholds.OneSided95), 3);
        Assert.Equal(0.9486, Wilson.Lower(50, 50, AutonomyThresholds.OneSided95), 3);
        Assert.True(Wilson.Lower(52, 52, AutonomyThresholds.OneSided95) >= 0.95);
    }

    [Fact]
    public void a_family_right_every_time_on_too_few_suggestions_gets_no_threshold()
    {
        Assert.Empty(AutonomyThresholds.Derive(Run("inpatient", "E119", 0.9, right: 30, wrong: 0), 0.95));
    }

    [Fact]
    public void the_lowest_confidence_whose_lower_bound_meets_the_target_is_chosen_per_setting_and_family()
    {
        var train = Run("inpatient", "E119", 0.9, 60, 0, "a")
            .Concat(Run("inpatient", "E785", 0.6, 40, 2, "b"))   // with these, E at ≥ 0.6 is 100/102: lower bound 0.95
            .Concat(Run("inpatient", "E039", 0.4, 5, 10, "c"))   // and these would drag it below
            .Concat(Run("outpatient", "E119", 0.9, 60, 0, "d"))
            .Concat(Run("inpatient", "I10", 0.9, 60, 10, "e"));
        var thresholds = AutonomyThresholds.Derive(train, 0.90);
        var e = thresholds.Single(t => t.Setting == "inpatient" && t.Family == "E");
        Assert.Equal(0.6, e.Threshold);
        Assert.Equal((102, 100), (e.Support, e.Correct));
        Assert.Contains(thresholds, t => t.Setting == "outpatient" && t.Family == "E" && t.Threshold == 0.9);
        Assert.DoesNotContain(thresholds, t => t.Family == "I");
    }

    [Fact]
    public void an_encounter_goes_out_untouched_only_when_every_suggestion_clears_its_own_family_threshold_and_nothing_holds_it()
    {
        var thresholds = new[] { new FamilyThreshold("inpatient", "E", 0.6, 100, 99, 0.96) };
        ScoredSuggestion S(string code, double c) => new("x", "inpatient", code, c, true);
        Assert.True(AutonomyDecision.Qualifies([S("E119", 0.7), S("E785", 0.6)], thresholds));
        Assert.False(AutonomyDecision.Qualifies([S("E119", 0.7), S("E785", 0.5)], thresholds));
        Assert.False(AutonomyDecision.Qualifies([S("E119", 0.7), S("I10", 0.99)], thresholds)); // family not opted in
        Assert.False(AutonomyDecision.Qualifies([S("E119", 0.7)], thresholds, heldForOtherReasons: true));
        Assert.False(AutonomyDecision.Qualifies([new("x", "outpatient", "E119", 0.9, true)], thresholds));
        Assert.False(AutonomyDecision.Qualifies([], thresholds));
    }

    [Fact]
    public void measuring_counts_coverage_over_encounters_and_precision_over_the_autonomous_ones_codes()
    {
        var thresholds = new[] { new FamilyThreshold("inpatient", "E", 0.6, 100, 99, 0.96) };
        var dev = new ScoredSuggestion[]
        {
            new("a", "inpatient", "E119", 0.9, true), new("a", "inpatient", "E785", 0.8, false),
            new("b", "inpatient", "E119", 0.9, true),
            new("c", "inpatient", "E119", 0.9, true), new("c", "inpatient", "I10", 0.9, true),
            new("d", "inpatient", "E119", 0.5, true),
        };
        var r = AutonomyDecision.Measure(dev, thresholds);
        Assert.Equal((4, 2, 3, 2, 1), (r.Encounters, r.Autonomous, r.Codes, r.CorrectCodes, r.AllCorrect));
        Assert.Equal(0.5, r.Coverage);
    }
}
