using Coding.Core.Queries;

namespace Coding.UnitTests.Queries;

public class when_cdi_queries_are_drafted
{
    [Fact]
    public void unspecified_heart_failure_drafts_one_multiple_choice_query_ending_in_other_and_unable_to_determine()
    {
        var draft = Assert.Single(QueryRules.Find(["I50.9", "E11.9", "I10"], "Heart failure; diabetes stable on metformin."));
        Assert.Equal(("heart-failure", "I509"), (draft.RuleId, draft.TriggerCode));
        Assert.Equal([QueryRules.Other, QueryRules.UnableToDetermine], draft.Options.TakeLast(2));
        Assert.True(draft.Options.Count >= 5);
        Assert.Contains("Tabular I50", draft.Source);
    }

    [Fact]
    public void a_specific_code_already_on_the_encounter_needs_no_query()
    {
        Assert.Empty(QueryRules.Find(["I509", "I5023"]));
        Assert.Empty(QueryRules.Find(["A419", "R6521"]));
        Assert.Equal(["sepsis-organ-dysfunction"], QueryRules.Find(["A419"]).Select(d => d.RuleId));
    }

    [Fact]
    public void each_of_the_ten_topics_fires_on_its_unspecified_code()
    {
        string[] unspecified = ["I509", "D649", "E46", "G9340", "J9690", "A419", "E119", "N189", "F329", "E669"];
        Assert.Equal(QueryRules.All.Select(r => r.Id), unspecified.SelectMany(c => QueryRules.Find([c], "glucose 250")).Select(d => d.RuleId));
    }

    [Fact]
    public void diabetes_without_complications_is_queried_only_when_the_note_shows_it_out_of_control()
    {
        Assert.Empty(QueryRules.Find(["E119"], "Type 2 diabetes, stable on metformin."));
        Assert.Empty(QueryRules.Find(["E119"]));
        Assert.Single(QueryRules.Find(["E119"], "Type 2 diabetes, poorly controlled, glucose 310."));
    }

    [Fact]
    public void no_question_or_option_mentions_payment_or_severity_which_would_lead_the_physician()
    {
        string[] leading = ["MCC", "CC ", "HCC", "DRG", "reimburse", "payment", "severity of illness"];
        foreach (var rule in QueryRules.All)
            Assert.DoesNotContain(leading, w => rule.Question.Contains(w, StringComparison.OrdinalIgnoreCase)
                || rule.Options.Any(o => o.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void a_gold_code_is_covered_by_the_rule_whose_specific_codes_hold_it()
    {
        Assert.Equal("ckd-stage", QueryRules.ForSpecific("N18.32")?.Id);
        Assert.Equal("obesity-bmi", QueryRules.ForSpecific("Z68.41")?.Id);
        Assert.Null(QueryRules.ForSpecific("I10"));
    }
}
