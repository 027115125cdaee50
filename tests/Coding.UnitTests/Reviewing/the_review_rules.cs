using Coding.Core.Reviewing;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Reviewing;

public sealed class the_review_rules
{
    private const string Note = "ASSESSMENT: Fever.\nPLAN: Rest.";

    [Theory]
    [InlineData(SuggestionStatus.Suggested, ReviewAction.Accept, true)]
    [InlineData(SuggestionStatus.Suggested, ReviewAction.Reject, true)]
    [InlineData(SuggestionStatus.Suggested, ReviewAction.Modify, true)]
    [InlineData(SuggestionStatus.Accepted, ReviewAction.Accept, false)]
    [InlineData(SuggestionStatus.Accepted, ReviewAction.Reject, true)]
    [InlineData(SuggestionStatus.Rejected, ReviewAction.Accept, true)]
    [InlineData(SuggestionStatus.Rejected, ReviewAction.Reject, false)]
    [InlineData(SuggestionStatus.Added, ReviewAction.Accept, false)]
    [InlineData(SuggestionStatus.Added, ReviewAction.Reject, true)]
    [InlineData(SuggestionStatus.Modified, ReviewAction.Accept, false)]
    [InlineData(SuggestionStatus.Modified, ReviewAction.Modify, false)]
    [InlineData(SuggestionStatus.Suggested, ReviewAction.Add, false)]
    public void allow_a_decision_only_where_it_changes_something(SuggestionStatus status, ReviewAction action, bool allowed) =>
        Assert.Equal(allowed, ReviewRules.Allows(status, action));

    [Fact]
    public void report_accepted_and_added_codes_only() =>
        Assert.Equal([SuggestionStatus.Accepted, SuggestionStatus.Added], Enum.GetValues<SuggestionStatus>().Where(ReviewRules.IsFinal));

    [Fact]
    public void accept_a_span_that_is_exactly_the_selected_note_text()
    {
        var start = Note.IndexOf("Fever", StringComparison.Ordinal);
        Assert.Null(ReviewRules.SpanProblem(Note, start, start + 5, "Fever"));
    }

    [Theory]
    [InlineData(-1, 3, "ASS", "not inside")]
    [InlineData(5, 5, "", "not inside")]
    [InlineData(28, 40, "Rest.", "not inside")]
    [InlineData(11, 18, " Fever.", "white space")]
    [InlineData(12, 17, "fever", "does not match")]
    [InlineData(12, 17, null, "does not match")]
    public void refuse_a_span_outside_the_note_blank_edged_or_not_matching(int start, int end, string? text, string problem) =>
        Assert.Contains(problem, ReviewRules.SpanProblem(Note, start, end, text), StringComparison.Ordinal);

    [Fact]
    public void never_quote_the_note_when_refusing() =>
        Assert.DoesNotContain("Fever", ReviewRules.SpanProblem(Note, 12, 17, "Fewer")!, StringComparison.Ordinal);

    [Fact]
    public void offer_a_fixed_list_of_distinct_reasons()
    {
        Assert.Equal(ReviewRules.RejectReasons.Count, ReviewRules.RejectReasons.Select(r => r.Code).Distinct().Count());
        Assert.True(ReviewRules.IsReason("negated"));
        Assert.False(ReviewRules.IsReason("Negated"));
        Assert.False(ReviewRules.IsReason(null));
    }

    [Theory]
    [InlineData(CodeSystem.Icd10Cm, SuggestionStatus.Suggested, true)]
    [InlineData(CodeSystem.Icd10Cm, SuggestionStatus.Accepted, true)]
    [InlineData(CodeSystem.Icd10Cm, SuggestionStatus.Added, true)]
    [InlineData(CodeSystem.Icd10Cm, SuggestionStatus.Rejected, false)]
    [InlineData(CodeSystem.Icd10Cm, SuggestionStatus.Modified, false)]
    [InlineData(CodeSystem.Icd10Pcs, SuggestionStatus.Accepted, false)]
    [InlineData(CodeSystem.Cpt, SuggestionStatus.Accepted, false)]
    public void let_only_a_diagnosis_still_on_the_claim_lead_it(CodeSystem system, SuggestionStatus status, bool allowed) =>
        Assert.Equal(allowed, ReviewRules.LeadProblem(system, status) is null);

    [Theory]
    [InlineData(Core.Encounters.CareSetting.Inpatient, CodeSystem.Icd10Cm, SuggestionStatus.Accepted, true)]
    [InlineData(Core.Encounters.CareSetting.Inpatient, CodeSystem.Icd10Cm, SuggestionStatus.Suggested, true)]
    [InlineData(Core.Encounters.CareSetting.Inpatient, CodeSystem.Icd10Cm, SuggestionStatus.Rejected, false)]
    [InlineData(Core.Encounters.CareSetting.Inpatient, CodeSystem.Icd10Pcs, SuggestionStatus.Accepted, false)]
    [InlineData(Core.Encounters.CareSetting.Outpatient, CodeSystem.Icd10Cm, SuggestionStatus.Accepted, false)]
    [InlineData(Core.Encounters.CareSetting.Emergency, CodeSystem.Icd10Cm, SuggestionStatus.Accepted, false)]
    [InlineData(Core.Encounters.CareSetting.Observation, CodeSystem.Icd10Cm, SuggestionStatus.Accepted, false)]
    public void take_a_poa_only_for_an_inpatient_diagnosis_on_the_claim(Core.Encounters.CareSetting setting, CodeSystem system, SuggestionStatus status, bool allowed) =>
        Assert.Equal(allowed, ReviewRules.PoaProblem(setting, system, status) is null);
}
